"""Claiming reminders: who is reminded of what, decided by the database in one pass.

A run inserts the reminders due today with INSERT ... SELECT ... ON CONFLICT DO
NOTHING: the people due are selected in SQL, and a reminder that exists already
(the unique constraints on Reminder) is skipped by the database itself, so two runs
at once, or a run repeated after a crash, claim each reminder once. In the same
transaction each new reminder gets one pending Delivery per channel; the reminder
is the person's on-site notice as soon as it commits. Sending is
citylearn.reminders.delivery's job.

Kinds, for a person's assignment not completed, not withdrawn, not released:
- due soon, once per threshold of REMINDER_DAYS_BEFORE (7,1): the threshold d
  applies while the days left are at most d and more than the next smaller one, so
  a day the beat missed is caught up the next day;
- overdue, once, from the day after the due date;
- manual, sent by an officer to everyone overdue in a department subtree: once per
  person, assignment and day, so a second click the same day reminds nobody twice.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import (
    DateField,
    DateTimeField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
)
from django.utils import timezone

from citylearn.access.permissions import write_scope
from citylearn.assignments.models import AssignedPerson
from citylearn.core.queueing import queue
from citylearn.organisation.models import Department
from citylearn.reminders.channels import enabled_channels
from citylearn.reminders.enums import DeliveryState, ReminderKind
from citylearn.reminders.models import Delivery, Reminder


def _insert_ignoring_conflicts(model, rows: QuerySet, columns: dict) -> int:
    """INSERT INTO model's table (columns) SELECT ... FROM rows ON CONFLICT DO NOTHING.

    `columns` maps each column to an expression over `rows`; the number of rows
    inserted is returned.
    """
    aliased = {f"_{column}": expression for column, expression in columns.items()}
    rows = rows.values(**aliased)
    # The compiler selects the annotations in this order.
    names = [alias[1:] for alias in rows.query.annotation_select]
    sql, params = rows.query.get_compiler(connection=connection).as_sql()
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({quoted}) {sql} ON CONFLICT DO NOTHING",  # noqa: S608 - names come from the model
            params,
        )
        return cursor.rowcount


def days_before() -> list[int]:
    """REMINDER_DAYS_BEFORE, largest first."""
    return sorted(set(settings.REMINDER_DAYS_BEFORE), reverse=True)


def _due_soon(today: datetime.date, days: int, next_smaller: int | None) -> Q:
    condition = Q(due_on__lte=today + datetime.timedelta(days=days))
    if next_smaller is None:
        return condition & Q(due_on__gte=today)
    return condition & Q(due_on__gt=today + datetime.timedelta(days=next_smaller))


def _claim(
    rows: QuerySet[AssignedPerson],
    *,
    kind: str,
    days: int = 0,
    today: datetime.date,
    now: datetime.datetime,
    by=None,
) -> int:
    columns = {
        "user_id": F("user_id"),
        "assignment_id": F("assignment_id"),
        "kind": Value(kind),
        "days_before": Value(days, output_field=IntegerField()),
        "made_on": Value(today, output_field=DateField()),
        "due_on": F("due_on"),
        "created_at": Value(now, output_field=DateTimeField()),
    }
    if by is not None:
        columns["sent_by_id"] = Value(by.pk, output_field=IntegerField())
    # One order for every run, so that two runs at once wait on each other's rows
    # in the same order instead of deadlocking.
    return _insert_ignoring_conflicts(Reminder, rows.order_by("pk"), columns)


def _queue_deliveries(now: datetime.datetime) -> None:
    """One pending delivery per channel for each reminder claimed at `now`."""
    claimed = Reminder.objects.filter(created_at=now)
    for channel in enabled_channels():
        rows = claimed
        if channel.name == "email":
            rows = rows.exclude(user__staff_profile__email="")
        _insert_ignoring_conflicts(
            Delivery,
            rows.order_by("pk"),
            {
                "reminder_id": F("pk"),
                "channel": Value(channel.name),
                "state": Value(DeliveryState.PENDING),
                "attempts": Value(0, output_field=IntegerField()),
                "next_attempt_at": Value(now, output_field=DateTimeField()),
                "last_error": Value(""),
            },
        )


def claim_due_reminders(*, today: datetime.date | None = None) -> dict[str, int]:
    """Claim today's due-soon and overdue reminders; the count claimed of each kind."""
    today = today or timezone.localdate()
    now = timezone.now()
    outstanding = AssignedPerson.objects.outstanding()
    counts = {}
    thresholds = days_before()
    with transaction.atomic():
        for index, days in enumerate(thresholds):
            smaller = thresholds[index + 1] if index + 1 < len(thresholds) else None
            counts[f"due_soon_{days}"] = _claim(
                outstanding.filter(_due_soon(today, days, smaller)),
                kind=ReminderKind.DUE_SOON,
                days=days,
                today=today,
                now=now,
            )
        counts[ReminderKind.OVERDUE] = _claim(
            outstanding.filter(due_on__lt=today),
            kind=ReminderKind.OVERDUE,
            today=today,
            now=now,
        )
        _queue_deliveries(now)
    return counts


def overdue_in(department: Department, *, today: datetime.date) -> QuerySet:
    """The outstanding, overdue assignment rows of people in the department's subtree."""
    return AssignedPerson.objects.outstanding().filter(
        due_on__lt=today,
        user__staff_profile__department__path__startswith=department.path,
    )


def remind_department(
    *, department: Department, by, today: datetime.date | None = None
) -> int:
    """Remind everyone overdue in the subtree now; the number of reminders claimed.

    Only an officer whose write scope holds the department may; a person already
    reminded of an assignment today is not reminded again.
    """
    if not write_scope(by).contains(department):
        raise PermissionDenied
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        claimed = _claim(
            overdue_in(department, today=today),
            kind=ReminderKind.MANUAL,
            today=today,
            now=now,
            by=by,
        )
        _queue_deliveries(now)
        if claimed:
            # The tasks module imports this one.
            from citylearn.reminders.tasks import deliver_reminders

            # With the broker down the deliveries wait, pending, for the sweep.
            transaction.on_commit(lambda: queue(deliver_reminders))
    return claimed


def mark_read(*, user, reminder_id: int) -> bool:
    """Mark the person's own notice read; False when it is not theirs or not there."""
    return bool(
        Reminder.objects.filter(pk=reminder_id, user=user, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        or Reminder.objects.filter(pk=reminder_id, user=user).exists()
    )
