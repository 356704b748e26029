"""Drill: a Celery worker SIGKILLed in the middle of a certificate.

Needs a migrated database (DATABASE_URL) and a Redis of the drill's own
(CELERY_BROKER_URL, default redis://127.0.0.1:6390/0): it starts a real worker
(bench/drills/slow_worker.py), queues a certificate, kills the worker while the PDF
is being rendered, restarts it and checks that the certificate exists once, with
its PDF. Twice: killing the pool process that runs the task (the parent re-queues
it at once) and killing the whole worker (the broker hands the task out again
after its visibility timeout).

    DATABASE_URL=postgres://... python bench/drills/worker_killed.py
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

from bench.drills.slow_worker import VISIBILITY_SECONDS  # noqa: E402
from citylearn.certificates.models import Certificate  # noqa: E402
from tests.builders.learning import make_completion  # noqa: E402
from tests.courses import factories  # noqa: E402

# Names the test factories number from 1: a rerun on the same database needs new ones.
factories._numbers = itertools.count(int(time.time()))

TIMEOUT = 60


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


def drill(kill: str, log: Path) -> None:
    worker = start_worker(log)
    # Completing the course queues the certificate task, as on the site.
    completion = make_completion()
    # The certificate row is created first, then the PDF rendered (slowly here).
    wait_for(
        lambda: Certificate.objects.filter(completion=completion).exists(),
        "the task to start",
    )
    time.sleep(1)
    killed_at = time.monotonic()
    if kill == "pool process":
        os.kill(pool_child(worker), signal.SIGKILL)
    else:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        # A starting worker takes back the unacknowledged tasks older than the
        # visibility timeout (later, it looks again only every minute or so).
        time.sleep(VISIBILITY_SECONDS + 1)
        worker = start_worker(log)
    try:
        wait_for(
            lambda: (
                Certificate.objects.filter(completion=completion)
                .exclude(pdf="")
                .exists()
            ),
            "the certificate's PDF after the kill",
        )
        recovered = time.monotonic() - killed_at
        count = Certificate.objects.filter(completion=completion).count()
        outcome = "PASSED" if count == 1 else "FAILED"
        print(
            f"{outcome}: SIGKILL of the {kill} mid-render: {count} certificate "
            f"with its PDF {recovered:.1f}s after the kill"
        )
    finally:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()


if __name__ == "__main__":
    log = ROOT / "var" / "drill-worker.log"
    log.parent.mkdir(exist_ok=True)
    log.write_text("")
    drill("pool process", log)
    drill("whole worker", log)
