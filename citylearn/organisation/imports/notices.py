"""Tell a person at their old address that a roster changed their sign-in email:
should the change be a takeover, the address it was taken from hears of it."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from citylearn.core.queueing import queue_or_run


def send_email_changed_notice(*, user_id: int, old_email: str) -> bool:
    """Email `old_email` that the account's email is now another; False if no account."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or not old_email or old_email == user.email:
        return False
    # Nobody's language is known; the site's own is the one every reader shares.
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "old_email": old_email}
        subject = render_to_string("organisation/email/email_changed_subject.txt")
        body = render_to_string("organisation/email/email_changed_body.txt", context)
    send_mail(" ".join(subject.split()), body, None, [old_email])
    return True


def queue_email_change_notices(*, changes: list[tuple[int, str]]) -> None:
    """For each (account id, old email), send the notice once the transaction commits.

    With the broker down the notices are sent in the request: they are few (only the
    emails a roster changed) and cannot be asked for again.
    """
    from citylearn.organisation.tasks import send_email_changed_notice_email

    if changes:
        transaction.on_commit(
            lambda: queue_or_run(send_email_changed_notice_email, changes)
        )
