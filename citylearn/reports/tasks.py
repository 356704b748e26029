from django.utils import timezone

from citylearn.celery import app
from citylearn.reports.services import send_weekly_digests, write_snapshots


@app.task
def snapshot_department_figures():
    """Refresh today's figures of every department; a rerun overwrites the day's rows."""
    write_snapshots(today=timezone.localdate())


@app.task
def send_weekly_head_digests():
    """Mail each department head this week's digest; a rerun sends nobody a second."""
    send_weekly_digests(today=timezone.localdate())
