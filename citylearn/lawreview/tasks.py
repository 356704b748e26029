from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from citylearn.lawreview.services import flag_recent_changes

# Longer than any outage the sweep must cover; amendments are rare.
SWEEP_WINDOW = timedelta(days=7)


@shared_task
def flag_missed_reviews() -> int:
    """Flag the citers an amendment's receiver missed (a failed or lost event)."""
    return flag_recent_changes(since=timezone.now() - SWEEP_WINDOW)
