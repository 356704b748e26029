from datetime import timedelta

from django.utils import timezone

from citylearn.celery import app
from citylearn.progress.services import complete_courses_of_recent_passes

# Runs hourly: a pass whose completion was missed is retried at least twice.
SWEEP_WINDOW = timedelta(hours=3)


@app.task
def complete_missed_courses() -> int:
    """Record the course completions that a failed quiz_passed receiver missed."""
    return complete_courses_of_recent_passes(since=timezone.now() - SWEEP_WINDOW)
