"""Drill: a Celery worker SIGKILLed in the middle of a certificate, an export and a reminder run.

Needs a migrated database (DATABASE_URL) and a Redis of the drill's own
(CELERY_BROKER_URL, default redis://127.0.0.1:6390/0): it starts a real worker
(bench/drills/slow_worker.py, where each of these is slow), queues the work, kills
the worker in the middle of it, restarts it and checks the outcome:

- certificate: it exists once, with its PDF;
- export: it is ready once, with every row, audited once; the killed run's half file
  is never served;
- reminders: nobody is emailed twice, even after the sweep and the next daily run;
  the batch in flight is marked unknown (the officer sees it), never resent.

Each twice: killing the pool process that runs the task (the parent re-queues it at
once) and killing the whole worker (the broker hands the task out again after its
visibility timeout).

    DATABASE_URL=postgres://... python bench/drills/worker_killed.py [certificate|export|reminders]
"""

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "citylearn.settings.dev")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6390/0")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.http import QueryDict  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.drills.slow_worker import SENT_LOG, VISIBILITY_SECONDS  # noqa: E402
from citylearn.access.enums import Role  # noqa: E402
from citylearn.assignments.models import AssignedPerson, Assignment  # noqa: E402
from citylearn.audit.enums import AuditAction  # noqa: E402
from citylearn.audit.models import AuditEntry  # noqa: E402
from citylearn.certificates.models import Certificate  # noqa: E402
from citylearn.exports.enums import ExportStatus  # noqa: E402
from citylearn.exports.models import Export  # noqa: E402
from citylearn.exports.sources import select  # noqa: E402
from citylearn.exports.storage import export_storage  # noqa: E402
from citylearn.exports.tasks import write_export_task  # noqa: E402
from citylearn.reminders import delivery  # noqa: E402
from citylearn.reminders.enums import DeliveryState  # noqa: E402
from citylearn.reminders.models import Delivery  # noqa: E402
from citylearn.reminders.services import claim_due_reminders  # noqa: E402
from citylearn.reminders.tasks import deliver_reminders, send_reminders  # noqa: E402
from tests.builders import learning, people  # noqa: E402
from tests.builders.learning import make_completion, make_course  # noqa: E402

# Names the test builders number from 1: a rerun on the same database needs new ones.
numbers = learning._numbers = people._numbers = itertools.count(int(time.time()))

TIMEOUT = 60
PEOPLE = 8


def start_worker(log: Path) -> subprocess.Popen:
    started = log.read_text().count(" ready.")
    worker = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/celery"),
            "-A",
            "bench.drills.slow_worker",
            "worker",
            "--concurrency=1",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        wait_for(
            lambda: log.read_text().count(" ready.") > started, "the worker to start"
        )
    except SystemExit:
        os.killpg(worker.pid, signal.SIGKILL)
        raise
    return worker


def wait_for(condition, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > TIMEOUT:
            raise SystemExit(f"FAILED: waited {TIMEOUT}s for {what}")
        time.sleep(0.2)
    return time.monotonic() - started


def pool_child(worker: subprocess.Popen) -> int:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text()
    return int(children.split()[0])


def kill_worker(worker: subprocess.Popen, kill: str, log: Path) -> subprocess.Popen:
    """Kill the pool process or the whole worker; the worker that runs on afterwards."""
    if kill == "pool process":
        os.kill(pool_child(worker), signal.SIGKILL)
        return worker
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    # A starting worker takes back the unacknowledged tasks older than the
    # visibility timeout (later, it looks again only every minute or so).
    time.sleep(VISIBILITY_SECONDS + 1)
    return start_worker(log)


def succeeded(log: Path, task: str) -> int:
    return sum(
        1
        for line in log.read_text().splitlines()
        if f"{task}[" in line and " succeeded " in line
    )


class CertificateDrill:
    what = "mid-render"

    def queue(self) -> None:
        # Completing the course queues the certificate task, as on the site.
        self.completion = make_completion()

    def started(self) -> bool:
        # The certificate row is created first, then the PDF rendered (slowly here).
        return Certificate.objects.filter(completion=self.completion).exists()

    def recovered(self, log: Path) -> bool:
        return (
            Certificate.objects.filter(completion=self.completion)
            .exclude(pdf="")
            .exists()
        )

    def outcome(self) -> tuple[bool, str]:
        count = Certificate.objects.filter(completion=self.completion).count()
        return count == 1, f"{count} certificate with its PDF"


class ExportDrill:
    what = "mid-file"

    def queue(self) -> None:
        department = people.department(f"drill-{next(numbers)}")
        self.officer = people.make_user(f"drill-officer-{next(numbers)}")
        people.grant(self.officer, Role.HR_OFFICER, department)
        for __ in range(PEOPLE):
            people.staff(f"DRILL-{next(numbers)}", department)
        today = timezone.localdate()
        selection = select(
            "dashboard", user=self.officer, params=QueryDict(""), today=today
        )
        # As start_export queues an export past the rows written at once.
        self.export = Export.objects.create(
            requester=self.officer,
            source="dashboard",
            format="csv",
            paths=selection.paths,
            rows_total=selection.people.count(),
            expires_at=timezone.now() + timedelta(hours=24),
        )
        self.parts_before = self.parts()
        write_export_task.delay(self.export.pk)

    def parts(self) -> set[str]:
        directory = Path(export_storage().location)
        return {p.name for p in directory.glob(f"{self.export.pk}-*.part")}

    def started(self) -> bool:
        return self.parts() != set()

    def recovered(self, log: Path) -> bool:
        return Export.objects.get(pk=self.export.pk).status == ExportStatus.READY

    def outcome(self) -> tuple[bool, str]:
        export = Export.objects.get(pk=self.export.pk)
        lines = export_storage().open(export.file_name).read().decode().splitlines()
        audited = AuditEntry.objects.filter(
            action=AuditAction.EXPORT, actor=self.officer, target_user__isnull=True
        ).count()
        left = self.parts()
        ok = len(lines) == PEOPLE + 1 and audited == 1
        return ok, (
            f"export ready once with {len(lines) - 1} of {PEOPLE} rows, audited "
            f"{audited} time(s); {len(left)} half file(s) of the killed run left for "
            "the daily clean-up, never served"
        )


class RemindersDrill:
    what = "mid-batch"

    def queue(self) -> None:
        department = people.department(f"drill-{next(numbers)}")
        course = make_course(lessons=0)
        due = timezone.localdate() + timedelta(days=1)
        self.emails, users = set(), []
        for __ in range(PEOPLE):
            person = people.staff(f"DRILL-{next(numbers)}", department)
            assignment = Assignment.objects.create(course=course, due_on=due)
            AssignedPerson.objects.create(
                assignment=assignment, user=person.user, due_on=due
            )
            self.emails.add(person.email)
            users.append(person.user)
        SENT_LOG.write_text("")
        claim_due_reminders()
        self.deliveries = Delivery.objects.filter(reminder__user__in=users)
        deliver_reminders.delay()

    def sent(self) -> list[str]:
        return [e for e in SENT_LOG.read_text().split() if e in self.emails]

    def started(self) -> bool:
        return len(self.sent()) >= 2

    def recovered(self, log: Path) -> bool:
        # The re-queued run leaves the batch in flight to its (dead) worker; once the
        # sending timeout has passed, the sweep and the next daily run find it.
        if not hasattr(self, "sweeps_queued"):
            if not wait_quietly(
                lambda: succeeded(log, "deliver_reminders") > self.done_before
            ):
                return False
            self.deliveries.filter(state=DeliveryState.SENDING).update(
                sending_since=timezone.now() - delivery.SENDING_TIMEOUT * 2
            )
            self.sweeps_queued = succeeded(log, "send_reminders")
            deliver_reminders.delay()
            send_reminders.delay()
        return succeeded(log, "send_reminders") > self.sweeps_queued and not (
            self.deliveries.filter(state=DeliveryState.SENDING).exists()
        )

    def outcome(self) -> tuple[bool, str]:
        sent = self.sent()
        twice = len(sent) - len(set(sent))
        unknown = self.deliveries.filter(state=DeliveryState.UNKNOWN).count()
        # The whole batch was in flight: sent or not, none of it is sent again.
        ok = twice == 0 and unknown == self.deliveries.count() == PEOPLE
        return ok, (
            f"{len(set(sent))} of {PEOPLE} emailed before the kill, {twice} emailed "
            f"twice; {unknown} deliveries of the batch in flight marked unknown"
        )


def wait_quietly(condition, seconds: float = TIMEOUT) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


DRILLS = {
    "certificate": CertificateDrill,
    "export": ExportDrill,
    "reminders": RemindersDrill,
}


def drill(kind: str, kill: str, log: Path) -> bool:
    workers = [start_worker(log)]
    try:
        work = DRILLS[kind]()
        work.done_before = succeeded(log, "deliver_reminders")
        work.queue()
        wait_for(work.started, "the task to start")
        time.sleep(1)
        killed_at = time.monotonic()
        workers.append(kill_worker(workers[0], kill, log))
        wait_for(lambda: work.recovered(log), f"the {kind} after the kill")
        recovered = time.monotonic() - killed_at
        ok, detail = work.outcome()
        print(
            f"{'PASSED' if ok else 'FAILED'}: {kind}, SIGKILL of the {kill} "
            f"{work.what}: {detail}; {recovered:.1f}s after the kill"
        )
        return ok
    finally:
        # Also when the drill fails: no worker of ours may outlive it.
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait()


if __name__ == "__main__":
    kinds = sys.argv[1:] or list(DRILLS)
    log = ROOT / "var" / "drill-worker.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    outcomes = [
        drill(kind, kill, log)
        for kind in kinds
        for kill in ("pool process", "whole worker")
    ]
    sys.exit(0 if all(outcomes) else 1)
