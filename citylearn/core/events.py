"""How one app tells the others that something happened (docs/architecture.md, "Events").

The app where it happens defines the signal in its `signals.py` and sends it here;
the apps that react connect their receivers in their `AppConfig.ready()`. Sending
waits for the commit, so no receiver acts on a change that is rolled back, and a
receiver that fails is logged rather than raised: the sender's change is saved by
then, and the reacting app's sweep task repairs what the failed receiver missed.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)


def send_after_commit(signal: Signal, *, sender, **kwargs) -> None:
    """Send the signal once the current transaction commits (at once outside one)."""

    def send() -> None:
        for receiver, outcome in signal.send_robust(sender=sender, **kwargs):
            if isinstance(outcome, Exception):
                logger.error(
                    "Receiver %s.%s failed; its app's sweep will retry",
                    receiver.__module__,
                    receiver.__qualname__,
                    exc_info=outcome,
                )

    transaction.on_commit(send)
