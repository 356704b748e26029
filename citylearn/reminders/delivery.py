"""Sending claimed reminders, at most once per delivery, with retries and back-off.

A Delivery moves pending → sending → sent. A batch is claimed in one short
transaction: its rows are locked with SELECT ... FOR UPDATE SKIP LOCKED (two workers
take different batches) and set to sending with `sending_since`; the messages go
out after that transaction commits, and each outcome is written afterwards. A
failure puts the delivery back to pending with next_attempt_at doubled from
RETRY_AFTER, up to MAX_ATTEMPTS, then failed, with its error kept for the officer.

A worker killed (SIGKILL, out of memory, host lost) while sending leaves its batch in
sending: some messages may have left, some not, and nothing records which. The
sweep (deliver_reminders, every few minutes) turns a delivery in sending for longer
than SENDING_TIMEOUT into unknown and never sends it again: a person is never
reminded twice, at the price of possibly missing one message, which the officer sees
in the list of failed and unknown deliveries. The on-site notice does not depend
on delivery: it is the Reminder row, committed when claimed. A worker killed before
the claim commits leaves nothing: the next run claims the same reminders afresh.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from citylearn.reminders.channels import Message, enabled_channels
from citylearn.reminders.enums import DeliveryState
from citylearn.reminders.models import Delivery, headline

BATCH_SIZE = 500
MAX_ATTEMPTS = 5
RETRY_AFTER = datetime.timedelta(minutes=5)
# Longer than Celery's hard time limit (CELERY_TASK_TIME_LIMIT), so that only a
# batch whose worker is gone is older than this.
SENDING_TIMEOUT = datetime.timedelta(minutes=15)
ERROR_LENGTH = 500


def mark_stale_unknown(*, now: datetime.datetime | None = None) -> int:
    """Deliveries left in sending by a dead worker become unknown, never resent."""
    now = now or timezone.now()
    return Delivery.objects.filter(
        state=DeliveryState.SENDING, sending_since__lt=now - SENDING_TIMEOUT
    ).update(state=DeliveryState.UNKNOWN)


def _claim_batch(channel_names: list[str], now: datetime.datetime) -> list[int]:
    with transaction.atomic():
        ids = list(
            Delivery.objects.select_for_update(skip_locked=True)
            .filter(
                state=DeliveryState.PENDING,
                next_attempt_at__lte=now,
                channel__in=channel_names,
            )
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        # The state condition keeps the claim exclusive where rows cannot be
        # locked (SQLite); the timestamp tells this run's claim apart.
        claimed_at = timezone.now()
        Delivery.objects.filter(pk__in=ids, state=DeliveryState.PENDING).update(
            state=DeliveryState.SENDING,
            sending_since=claimed_at,
            attempts=F("attempts") + 1,
        )
    return list(
        Delivery.objects.filter(
            pk__in=ids, state=DeliveryState.SENDING, sending_since=claimed_at
        ).values_list("pk", flat=True)
    )


# Read as plain values: building model instances (a course is a Wagtail page) cost
# more than the rest of a run.
ROW_FIELDS = {
    "kind": F("reminder__kind"),
    "due_on": F("reminder__due_on"),
    "made_on": F("reminder__made_on"),
    "course": F("reminder__assignment__course__title"),
    "name": F("reminder__user__staff_profile__name"),
    "email": F("reminder__user__staff_profile__email"),
}


def _message(row: dict, url: str) -> Message:
    subject = headline(
        kind=row["kind"],
        course=row["course"],
        due_on=row["due_on"],
        made_on=row["made_on"],
    )
    body = "\n\n".join(
        [
            gettext("Dear %(name)s,") % {"name": row["name"]},
            subject,
            gettext("Open My learning to continue: %(url)s") % {"url": url},
            gettext("The city's big-data centre, training office"),
        ]
    )
    return Message(
        delivery_id=row["pk"], subject=subject, body=body + "\n", email=row["email"]
    )


def _record(rows: list[dict], errors: dict[int, str], now) -> None:
    sent = [row["pk"] for row in rows if row["pk"] not in errors]
    Delivery.objects.filter(pk__in=sent).update(
        state=DeliveryState.SENT, sent_at=now, last_error=""
    )
    failed = []
    for row in rows:
        if row["pk"] not in errors:
            continue
        retry = row["attempts"] < MAX_ATTEMPTS
        failed.append(
            Delivery(
                pk=row["pk"],
                state=DeliveryState.PENDING if retry else DeliveryState.FAILED,
                next_attempt_at=now + RETRY_AFTER * 2 ** (row["attempts"] - 1),
                last_error=errors[row["pk"]][:ERROR_LENGTH],
            )
        )
    Delivery.objects.bulk_update(failed, ["state", "next_attempt_at", "last_error"])


def deliver_pending() -> dict[str, int]:
    """Send every pending delivery whose time has come; counts of sent and failed."""
    mark_stale_unknown()
    channels = {channel.name: channel for channel in enabled_channels()}
    counts = {"sent": 0, "failed": 0}
    now = timezone.now()
    # Reminders are written in the site's language, whoever's request queued them.
    with translation.override(settings.LANGUAGE_CODE):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "progress:my_learning"
        )
        while ids := _claim_batch(list(channels), now):
            rows = list(
                Delivery.objects.filter(pk__in=ids).values(
                    "pk", "channel", "attempts", **ROW_FIELDS
                )
            )
            by_channel = defaultdict(list)
            for row in rows:
                by_channel[row["channel"]].append(_message(row, url))
            errors = {}
            for name, messages in by_channel.items():
                errors |= channels[name].send(messages)
            _record(rows, errors, timezone.now())
            counts["failed"] += len(errors)
            counts["sent"] += len(rows) - len(errors)
    return counts
