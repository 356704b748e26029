import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.queueing import queue, queue_or_run

logger = logging.getLogger(__name__)


def password_link(*, user) -> tuple[str, str]:
    """('activate' or 'reset', absolute one-time URL) for this person's next password.

    Django's token hashes the password and last sign-in, so the link stops working
    as soon as it is used, and after PASSWORD_RESET_TIMEOUT.
    """
    purpose = "reset" if user.has_usable_password() else "activate"
    url_name = (
        "accounts:password_reset_confirm" if purpose == "reset" else "accounts:activate"
    )
    path = reverse(
        url_name,
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return purpose, settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_password_link(*, user_id: int, language: str = settings.LANGUAGE_CODE) -> bool:
    """Email an activation link (no password yet) or a reset link; False if no account."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    with translation.override(language):
        purpose, url = password_link(user=user)
        context = {"user": user, "url": url, "purpose": purpose}
        subject = render_to_string(f"accounts/email/{purpose}_subject.txt", context)
        body = render_to_string(f"accounts/email/{purpose}_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
    record(
        action=AuditAction.PASSWORD_LINK_SENT,
        actor_label="system",
        target_user=user,
        detail={"purpose": purpose},
    )
    return True


def send_password_link_soon(*, user_id: int, language: str) -> bool:
    """Queue one person's link; with the broker down, send it now. False if neither."""
    from citylearn.accounts.tasks import send_password_link_email

    return queue_or_run(send_password_link_email, [(user_id, language)]) == 0


def queue_password_links(*, user_ids: list[int], language: str) -> None:
    """Email each of these people their link once the current transaction commits.

    With the broker down the rest are not queued (one wait, not one per person) and
    the count is logged: each person can ask for a link on the sign-in page.
    """
    from citylearn.accounts.tasks import send_password_link_email

    def queue_all():
        for number, user_id in enumerate(user_ids):
            if not queue(send_password_link_email, user_id, language):
                logger.error(
                    "%d password links not queued: the broker is unreachable",
                    len(user_ids) - number,
                )
                return

    transaction.on_commit(queue_all)
