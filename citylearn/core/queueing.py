"""Queuing a task from a request while the broker may be down.

Publishing fails within seconds when Redis is unreachable (settings: the broker's
connect timeout and publish retry policy); the caller then decides what is not lost:
small work runs in the request instead, large work is refused with "try again".
"""

import logging

from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached (kombu wraps most of it).
BROKER_DOWN = (OperationalError, RedisError, OSError)


def queue(task, *args) -> bool:
    """Send the task to the broker; False, logged, when the broker cannot be reached."""
    try:
        task.delay(*args)
    except BROKER_DOWN:
        logger.exception(
            "Could not queue %s%r: the broker is unreachable", task.name, args
        )
        return False
    return True


def queue_or_run(task, calls: list[tuple]) -> int:
    """Queue the task once per argument tuple; if the broker is down, run the rest here.

    For small, quick work (an email or two) that must not be lost. After the first
    refusal the broker is not asked again, so a request waits for one timeout only.
    Returns how many calls could neither be queued nor run; each is logged.
    """
    failed = 0
    broker_down = False
    for args in calls:
        if not broker_down:
            broker_down = not queue(task, *args)
            if not broker_down:
                continue
        outcome = task.apply(args=args, throw=False)
        if outcome.failed():
            failed += 1
            logger.error(
                "%s%r failed when run in the request",
                task.name,
                args,
                exc_info=outcome.result,
            )
    return failed
