"""Which reminder each person gets, and that each goes out once."""

import pytest
from django.core import mail

from citylearn.reminders.delivery import deliver_pending
from citylearn.reminders.enums import DeliveryState, ReminderKind
from citylearn.reminders.models import Delivery, Reminder
from citylearn.reminders.services import claim_due_reminders
from tests.reminders import world

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def days_before(settings):
    settings.REMINDER_DAYS_BEFORE = [1, 7]
    settings.REMINDER_WEBHOOK_URL = ""


@pytest.fixture
def built():
    return world.build()


def claimed() -> set:
    return set(Reminder.objects.values_list("user__username", "kind", "days_before"))


def test_each_kind_is_chosen_by_the_days_left(built):
    counts = claim_due_reminders(today=world.TODAY)

    expected = {
        (f"P-{key}", *kind) for key, (__, kind) in built["plan"].items() if kind
    } | {("Q", ReminderKind.OVERDUE, 0)}
    assert claimed() == expected
    assert counts == {"due_soon_7": 2, "due_soon_1": 2, "overdue": 3}


def test_released_withdrawn_completed_and_inactive_people_are_not_reminded(built):
    claim_due_reminders(today=world.TODAY)

    assert not Reminder.objects.filter(user__username__startswith="X-").exists()


def test_a_second_run_claims_and_sends_nothing(built):
    claim_due_reminders(today=world.TODAY)
    first = deliver_pending()

    assert claim_due_reminders(today=world.TODAY) == {
        "due_soon_7": 0,
        "due_soon_1": 0,
        "overdue": 0,
    }
    assert deliver_pending() == {"sent": 0, "failed": 0}
    assert first == {"sent": 7, "failed": 0}
    assert len(mail.outbox) == 7
    assert Reminder.objects.count() == 7


def test_the_next_threshold_is_a_new_reminder_but_the_same_one_is_not(built):
    claim_due_reminders(today=world.day(-6))  # "seven" is due in 13 days: nothing
    claim_due_reminders(today=world.TODAY)
    claim_due_reminders(today=world.day(1))
    claim_due_reminders(today=world.day(6))

    seven = Reminder.objects.filter(user=built["people"]["seven"])
    assert sorted(seven.values_list("kind", "days_before")) == [
        (ReminderKind.DUE_SOON, 1),
        (ReminderKind.DUE_SOON, 7),
    ]


def test_the_database_refuses_a_second_reminder_of_a_kind(built):
    from django.db import IntegrityError, transaction

    claim_due_reminders(today=world.TODAY)
    existing = Reminder.objects.filter(kind=ReminderKind.OVERDUE).first()
    existing.pk = None
    with pytest.raises(IntegrityError), transaction.atomic():
        existing.save()


def test_the_email_is_in_chinese_and_names_the_course_and_date(built):
    claim_due_reminders(today=world.TODAY)
    deliver_pending()

    message = next(m for m in mail.outbox if m.to == ["p-late@example.org"])
    assert built["course"].title in message.subject
    assert "2026-06-30" in message.subject
    assert "甲late" in message.body
    assert "/my/learning/" in message.body
    assert "课程" in message.subject
    assert Delivery.objects.filter(state=DeliveryState.SENT).count() == 7


def test_the_runs_are_on_the_beat_schedule():
    from citylearn.celery import app
    from citylearn.reminders import tasks

    scheduled = {entry["args"][0] for entry in app.conf.beat_schedule.values()}
    assert {tasks.send_reminders.name, tasks.deliver_reminders.name} <= scheduled


def test_reminder_days_come_from_the_setting(built, settings):
    settings.REMINDER_DAYS_BEFORE = [3]

    counts = claim_due_reminders(today=world.TODAY)

    # Only "two", "one" and "today" are within 3 days; nobody at 7.
    assert counts == {"due_soon_3": 3, "overdue": 3}
