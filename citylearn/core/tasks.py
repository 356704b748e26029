from django.core import management

from citylearn.celery import app


@app.task
def clear_expired_sessions():
    """Delete expired sessions; running it twice deletes nothing more."""
    management.call_command("clearsessions")
