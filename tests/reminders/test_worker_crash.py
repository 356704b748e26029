"""A worker that dies mid-run: nothing is reminded twice, nothing in flight is resent.

The CI worker is shared by the whole suite and cannot be killed from a test. The
first tests leave rows exactly as a SIGKILL would (a batch in `sending`); the last
runs the delivery in a separate process that really is SIGKILLed mid-batch.
"""

import os
import signal
import subprocess
import sys

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from citylearn.reminders import delivery
from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.enums import DeliveryState
from citylearn.reminders.models import Delivery, Reminder
from citylearn.reminders.services import claim_due_reminders
from citylearn.reminders.tasks import deliver_reminders, send_reminders
from tests.reminders import world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def built(settings):
    settings.REMINDER_DAYS_BEFORE = [7, 1]
    settings.REMINDER_WEBHOOK_URL = ""
    return world.build()


def test_a_batch_in_flight_when_the_worker_died_is_marked_unknown_not_resent():
    claim_due_reminders(today=world.TODAY)
    # Killed after claiming two deliveries of the batch and sending neither record.
    in_flight = list(Delivery.objects.order_by("pk")[:2])
    killed_at = timezone.now() - delivery.SENDING_TIMEOUT * 2
    Delivery.objects.filter(pk__in=[d.pk for d in in_flight]).update(
        state=DeliveryState.SENDING, sending_since=killed_at, attempts=1
    )

    result = deliver_reminders()

    assert result["sent"] == 5
    assert len(mail.outbox) == 5
    sent_to = {message.to[0] for message in mail.outbox}
    for row in in_flight:
        row.refresh_from_db()
        assert row.state == DeliveryState.UNKNOWN
        assert row.reminder.user.staff_profile.email not in sent_to
    # The notice does not depend on the delivery.
    assert Reminder.objects.count() == 7


def test_a_batch_still_within_its_time_is_left_to_its_worker():
    claim_due_reminders(today=world.TODAY)
    Delivery.objects.filter(pk=Delivery.objects.first().pk).update(
        state=DeliveryState.SENDING, sending_since=timezone.now()
    )

    assert deliver_pending() == {"sent": 6, "failed": 0}
    assert Delivery.objects.filter(state=DeliveryState.SENDING).count() == 1


def test_a_run_that_died_before_its_claim_committed_is_redone_whole():
    # A claim is one transaction: a crash inside it leaves no row at all.
    assert not Reminder.objects.exists()

    first = send_reminders()
    again = send_reminders()

    assert first["sent"] == len(mail.outbox) == Reminder.objects.count() > 0
    assert again["sent"] == 0


@pytest.mark.django_db(transaction=True)
def test_a_sender_killed_by_sigkill_mid_batch_reminds_nobody_twice(tmp_path):
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        url = (
            f"postgres://{database['USER']}{password}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        )
    else:
        url = f"sqlite:///{database['NAME']}"
    claim_due_reminders(today=world.TODAY)
    log = tmp_path / "sent.txt"

    killed = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "tests.reminders.killed_sender", str(log)],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "citylearn.settings.test",
            "DATABASE_URL": url,
            "REMINDER_WEBHOOK_URL": "",
        },
        timeout=120,
        check=False,
    )

    assert killed.returncode == -signal.SIGKILL
    assert len(log.read_text().split()) == 2
    assert Delivery.objects.filter(state=DeliveryState.SENDING).count() == 7

    # Before the timeout the batch is its worker's; after it, unknown and not resent.
    assert deliver_pending() == {"sent": 0, "failed": 0}
    Delivery.objects.update(sending_since=timezone.now() - delivery.SENDING_TIMEOUT * 2)
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert len(mail.outbox) == 0
    assert Delivery.objects.filter(state=DeliveryState.UNKNOWN).count() == 7
