"""A worker that dies mid-run: nothing is reminded twice, nothing in flight is resent.

The CI worker is shared by the whole suite and cannot be killed from a test, so the
crash is simulated by leaving rows exactly as a SIGKILL would: a batch in `sending`.
"""

import pytest
from django.core import mail
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
