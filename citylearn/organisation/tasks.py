from citylearn.celery import app
from citylearn.organisation.imports.notices import send_email_changed_notice
from citylearn.organisation.imports.uploads import discard_stale_uploads


@app.task
def discard_stale_roster_uploads() -> int:
    """Delete roster files left unapplied; a second run finds none left."""
    return discard_stale_uploads()


@app.task
def send_email_changed_notice_email(user_id: int, old_email: str) -> bool:
    """Tell the old address of a changed sign-in email; a second run tells it again."""
    return send_email_changed_notice(user_id=user_id, old_email=old_email)
