"""Two reminder runs at once, on PostgreSQL: each reminder is claimed and sent once."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.models import Delivery, Reminder
from citylearn.reminders.services import claim_due_reminders
from tests.reminders import world

pytestmark = pytest.mark.django_db(transaction=True)

RUNS = 4


@pytest.fixture(autouse=True)
def postgresql_only(settings):
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent runs need row locks and parallel writers: PostgreSQL only "
            "(CI's second pass); SQLite serialises every writer"
        )
    settings.REMINDER_DAYS_BEFORE = [7, 1]
    settings.REMINDER_WEBHOOK_URL = ""


def at_once(function) -> list:
    """Run `function` in RUNS threads, each on its own connection, released together."""
    start = threading.Barrier(RUNS)
    outcomes, errors = [], []

    def run():
        try:
            start.wait()
            outcomes.append(function())
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for __ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return outcomes


def test_claims_at_once_claim_each_reminder_once():
    world.build()

    outcomes = at_once(lambda: claim_due_reminders(today=world.TODAY))

    assert sum(sum(counts.values()) for counts in outcomes) == 7
    assert Reminder.objects.count() == 7
    assert Delivery.objects.count() == 7


def test_deliveries_at_once_send_each_message_once():
    world.build()
    claim_due_reminders(today=world.TODAY)

    outcomes = at_once(deliver_pending)

    assert sum(outcome["sent"] for outcome in outcomes) == 7
    assert len(mail.outbox) == 7
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        set(m.to[0] for m in mail.outbox)
    )


def test_whole_runs_at_once_send_each_reminder_once():
    world.build()

    def run():
        claim_due_reminders(today=world.TODAY)
        return deliver_pending()

    outcomes = at_once(run)

    assert sum(outcome["sent"] for outcome in outcomes) == 7
    assert len(mail.outbox) == 7
