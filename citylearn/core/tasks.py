import logging
import time

from django.core import management
from django.core.cache import cache

from citylearn.celery import app

logger = logging.getLogger(__name__)


@app.task
def clear_expired_sessions():
    """Delete expired sessions; running it twice deletes nothing more."""
    management.call_command("clearsessions")


@app.task
def run_once_per_period(task: str, period: int) -> bool:
    """Queue the scheduled task unless it was queued already in this period.

    Every beat entry goes through here, so that a second beat process started by
    mistake sends each job twice but it runs once: the first to add the key named
    after the task and the period's start wins, and the key lapses with the period.
    The key lives in the shared Redis cache (REDIS_URL); an unreachable cache
    raises, and the job waits for its next period rather than risk running twice.
    """
    start = int(time.time()) // period * period
    if not cache.add(f"citylearn:beat:{task}:{start}", 1, timeout=period):
        logger.info("%s already ran in the period from %s; skipped", task, start)
        return False
    app.signature(task).delay()
    return True
