from citylearn.accounts.services import send_password_link
from citylearn.celery import app


@app.task
def send_password_link_email(user_id: int, language: str) -> bool:
    """Email one person a fresh link; a second run sends a second, equally valid link."""
    return send_password_link(user_id=user_id, language=language)
