from django.utils import timezone

from citylearn.celery import app
from citylearn.reports.services import write_snapshots


@app.task
def snapshot_department_figures():
    """Refresh today's figures of every department; a rerun overwrites the day's rows."""
    write_snapshots(today=timezone.localdate())
