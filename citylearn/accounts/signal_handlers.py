import time

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from citylearn.access.permissions import forget_role_summary, role_summary
from citylearn.accounts import session_keys
from citylearn.accounts.models import PasswordStamp
from citylearn.accounts.services import queue_password_links
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.signals import staff_created


@receiver(user_logged_in, dispatch_uid="citylearn.accounts.signed_in")
def stamp_new_session(sender, request, user, **kwargs):
    stamp = PasswordStamp.objects.filter(user=user).first()
    request.session[session_keys.LAST_SEEN] = int(time.time())
    request.session[session_keys.PASSWORD_CHANGED] = (
        int(stamp.changed_at.timestamp()) if stamp else None
    )
    # A fresh menu at each sign-in, read now so that pages after it read no roles.
    forget_role_summary(user)
    role_summary(user)
    record(action=AuditAction.SIGN_IN, request=request, actor=user)


@receiver(user_logged_out, dispatch_uid="citylearn.accounts.signed_out")
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(action=AuditAction.SIGN_OUT, request=request, actor=user)


def send_activation_links(sender, *, user_ids, invite, language, **kwargs) -> None:
    """New staff whose creator asked for it are emailed a link to choose a password.

    No sweep: a second run sends a second, equally valid link, and whoever did not get
    one asks for it on the sign-in page.
    """
    if invite:
        queue_password_links(user_ids=user_ids, language=language)


def connect() -> None:
    staff_created.connect(
        send_activation_links,
        dispatch_uid="accounts-send-activation-links-on-staff-created",
    )
