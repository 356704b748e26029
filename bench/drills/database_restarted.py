"""Drill: PostgreSQL restarted under load; the site must recover by itself.

Starts gunicorn (production settings, bench/exam_settings.py) against DATABASE_URL,
which must point at a cluster of the drill's own (never the shared one), loads it
from four threads with pages that read the database, runs --restart (a shell
command that stops and starts that cluster), and keeps the load on afterwards.
Passes when no request took longer than the stated limit, every failure was the
site's own error page (500, or 503 from /healthz), and every request after the
database came back succeeded, with the same web processes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5440/citylearn_fd \\
      python bench/drills/database_restarted.py --restart "pg_ctl stop; sleep 3; pg_ctl start"
"""

import argparse
import http.client
import os
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = 8791
# Each page with its status while the database answers: an unknown code is a 404.
PAGES = [("/healthz", 200), ("/certificates/verify/?code=drill-{n}", 404)]
LIMIT_SECONDS = 10  # DATABASE_CONNECT_TIMEOUT (5) with room to spare


def request(path: str) -> tuple[int, float]:
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https"})
        status = connection.getresponse().status
    except OSError:
        status = 0  # no answer at all: the worst outcome
    return status, time.monotonic() - started


def load(results: list, stop: threading.Event) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        path, expected = PAGES[n % len(PAGES)]
        status, seconds = request(path.format(n=n))
        results.append((time.monotonic(), path, status, seconds, status == expected))


def start_gunicorn(env: dict, log: Path) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            # No recycling after max_requests: the drill checks that the same
            # processes serve again, and its load passes 2,000 requests a worker.
            "--max-requests",
            "0",
            "citylearn.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        if request("/healthz")[0] == 200:
            return server
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {log}")


def worker_pids(server: subprocess.Popen) -> set[int]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    return set(map(int, children.split()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--restart", required=True, help="shell command")
    args = parser.parse_args()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.exam_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6390/1"),
    }
    env.pop("CELERY_BROKER_URL", None)
    log = ROOT / "var" / "drill-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    server = start_gunicorn(env, log)
    before = worker_pids(server)
    results, stop = [], threading.Event()
    threads = [threading.Thread(target=load, args=(results, stop)) for _ in range(4)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(3)
        restart_started = time.monotonic()
        subprocess.run(args.restart, shell=True, check=True)  # noqa: S602 - the operator's command
        back = time.monotonic()
        time.sleep(8)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        same_processes = worker_pids(server) == before
        server.terminate()
        server.wait()

    # A request is "after" when it started once the restart command had returned.
    after = [r for r in results if r[0] - r[3] > back + 1]
    failed = [r for r in results if not r[4]]
    slowest = max(r[3] for r in results)
    statuses = Counter(r[2] for r in results)
    recovered = min((r[0] for r in results if r[0] > back and r[4]), default=0)
    clean = all(r[2] == 500 or (r[1] == "/healthz" and r[2] == 503) for r in failed)
    passed = (
        slowest < LIMIT_SECONDS
        and clean
        and after
        and all(r[4] for r in after)
        and same_processes
    )
    print(
        f"{'PASSED' if passed else 'FAILED'}: PostgreSQL restarted under load: "
        f"{len(results)} requests, statuses {dict(statuses)}, slowest {slowest:.2f}s "
        f"(limit {LIMIT_SECONDS}s); restart took {back - restart_started:.1f}s, first "
        f"success {max(0.0, recovered - back):.2f}s after it; {len(after)} requests "
        f"after it all succeeded: {all(r[4] for r in after)}; same web "
        f"processes: {same_processes}"
    )


if __name__ == "__main__":
    sys.exit(main())
