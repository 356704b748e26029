"""How long a day's reminder run takes over a district, and that it sends each once.

Runs the beat task's work (claim the due-soon and overdue reminders, then deliver
them) on the data of seed_bench, twice: the second run must claim and send nothing.
The email channel's sending is replaced by a count of the messages it is given
(--channel counting, the default), or goes through Django's in-memory backend, which
builds each MIME message (--channel locmem). Then a manual reminder of the root
department, twice the same day. Reminders made by the bench are deleted at the end,
so the bench can be run again on the same data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/citylearn_bench \\
        python manage.py seed_bench --scale district
    DATABASE_URL=... python bench/reminders.py [--channel locmem]

Target: under 60 s for the run on PostgreSQL at 20,000 staff and 200,000 assignment
rows, with as many emails as reminders claimed.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ["REMINDER_WEBHOOK_URL"] = ""

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from bench.figures import record  # noqa: E402
from citylearn.assignments.models import AssignedPerson  # noqa: E402
from citylearn.organisation.models import Department, StaffProfile  # noqa: E402
from citylearn.reminders.channels import EmailChannel  # noqa: E402
from citylearn.reminders.delivery import deliver_pending  # noqa: E402
from citylearn.reminders.enums import DeliveryState  # noqa: E402
from citylearn.reminders.models import Delivery, Reminder  # noqa: E402
from citylearn.reminders.services import (  # noqa: E402
    claim_due_reminders,
    remind_department,
)
from citylearn.reports.seeding import OFFICER, ROOT_CODE  # noqa: E402

TARGET_SECONDS = 60


def report(line: str) -> None:
    sys.stdout.write(line + "\n")


class Outbox:
    """What the email channel was given: (delivery id, address, subject) each."""

    def __init__(self, counting: bool):
        self.counting = counting
        self.messages = []

    def install(self) -> None:
        if self.counting:
            outbox = self.messages

            def send(channel, messages):
                outbox.extend((m.delivery_id, m.email, m.subject) for m in messages)
                return {}

            EmailChannel.send = send

    def __len__(self) -> int:
        return len(self.messages) if self.counting else len(mail.outbox)

    def distinct(self) -> int:
        if self.counting:
            return len({(address, subject) for __, address, subject in self.messages})
        return len({(m.to[0], m.subject) for m in mail.outbox})


def timed(function):
    start = time.perf_counter()
    outcome = function()
    return outcome, time.perf_counter() - start


def run():
    claimed = claim_due_reminders()
    return claimed, deliver_pending()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channel", choices=["counting", "locmem"], default="counting")
    args = parser.parse_args()
    officer = get_user_model().objects.filter(username=OFFICER).first()
    if officer is None:
        sys.exit("No bench data: run manage.py seed_bench --scale district first.")
    if Reminder.objects.exists():
        sys.exit("Reminders exist already: the bench needs a database without any.")
    # The in-memory email backend keeps what is sent in mail.outbox.
    setup_test_environment()
    outbox = Outbox(counting=args.channel == "counting")
    outbox.install()
    report(
        f"database: {connection.vendor}; staff: {StaffProfile.objects.count()}, "
        f"assignment rows: {AssignedPerson.objects.count()}; channel: {args.channel}"
    )
    try:
        (claimed, sent), seconds = timed(run)
        total = sum(claimed.values())
        emails = len(outbox)
        distinct = outbox.distinct()
        verdict = "met" if seconds < TARGET_SECONDS and emails == total else "MISSED"
        setting = {
            "database": connection.vendor,
            "workers": "in-process",
            "concurrency": 1,
            "data": f"{AssignedPerson.objects.count():,} assignment rows",
            "channel": args.channel,
        }
        record(
            "reminders",
            "daily run",
            seconds if emails == total else float("inf"),
            "s",
            target=TARGET_SECONDS,
            **setting,
        )
        report(
            f"daily run: {seconds:.1f} s; claimed {claimed} = {total}; "
            f"emails {emails} ({distinct} distinct person and subject), "
            f"sent {sent['sent']}, failed {sent['failed']}; "
            f"target < {TARGET_SECONDS} s, one email per reminder: {verdict}"
        )
        (again, resent), seconds = timed(run)
        record(
            "reminders",
            "reminders sent again by a second run",
            resent["sent"],
            "reminders",
            target=1,
            **setting,
        )
        report(
            f"second run: {seconds:.1f} s; claimed {sum(again.values())}, "
            f"sent {resent['sent']}; emails in all {len(outbox)}"
        )
        root = Department.objects.get(code=ROOT_CODE)
        for attempt in ("first", "second"):
            before = len(outbox)
            manual, seconds = timed(
                lambda: (
                    remind_department(department=root, by=officer),
                    deliver_pending(),
                )
            )
            report(
                f"manual reminder of {ROOT_CODE}, {attempt} click: {seconds:.1f} s; "
                f"claimed {manual[0]}, emails {len(outbox) - before}"
            )
        report(
            "deliveries not sent: "
            f"{Delivery.objects.exclude(state=DeliveryState.SENT).count()}"
        )
    finally:
        Reminder.objects.all().delete()


if __name__ == "__main__":
    main()
