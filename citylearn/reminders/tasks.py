from citylearn.celery import app
from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.services import claim_due_reminders


@app.task
def send_reminders() -> dict:
    """Claim today's due-soon and overdue reminders, then send what is pending."""
    claimed = claim_due_reminders()
    return {"claimed": claimed, **deliver_pending()}


@app.task
def deliver_reminders() -> dict:
    """Send pending deliveries whose time has come; mark those of dead workers unknown."""
    return deliver_pending()
