"""An exam window: thousands of learners start, save and submit a timed quiz at once.

Run from the project root with PostgreSQL on 127.0.0.1:5432 (trust auth) and Redis on
127.0.0.1:6379 (its database 13 becomes the cache, as REDIS_URL does in production):

    .venv/bin/python bench/exam_window.py [--learners 2000] [--concurrency 16]

It creates a fresh database of its own, migrates it, imports content/ (the data-security
course's final quiz: 10 of 20 questions, 20 minutes), creates the learners with a
session each (the session row Django's login would write; no password hashing), and
starts gunicorn on a free loopback port with the production settings (bench/
exam_settings.py). Each learner, in a bounded pool of threads, with its own
keep-alive connection, then does what a browser does:

    GET the quiz page (CSRF cookie) · POST start · GET the attempt
    · POST one answer per question (as the page's script saves them) · POST submit

and one learner in twenty sends the submission twice at once, as a double click
would. Requests are sent as nginx forwards them (X-Forwarded-Proto: https).
Afterwards the database is checked: every attempt graded exactly once, every
answer that was acknowledged stored, every score the sum of its points.
"""

import argparse
import http.client
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
COURSE = "data-security"
DOUBLE_SUBMIT_EVERY = 20
INPUT = re.compile(
    r'<input type="(radio|checkbox)" name="q-(\d+)" id="[^"]+" value="(\d+)"'
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ATTEMPT_URL = re.compile(r"/quiz/(\d+)/$")


@dataclass
class Learner:
    index: int
    session_key: str
    saved: dict[int, list[int]] = field(default_factory=dict)
    graded_now: list[bool] = field(default_factory=list)
    number: int | None = None


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, step: str, seconds: float) -> None:
        with self.lock:
            self.latencies[step].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors[message] += 1


class Browser:
    """One learner's keep-alive connection, with the cookies and headers a browser sends."""

    def __init__(self, port: int, session_key: str, results: Results):
        self.port = port
        self.results = results
        self.cookies = {"sessionid": session_key}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, step, method, path, body=None, headers=None, expect=(200,)):
        origin = f"https://127.0.0.1:{self.port}"
        headers = {
            "Host": f"127.0.0.1:{self.port}",
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **(headers or {}),
        }
        if method == "POST":
            headers |= {
                "Origin": origin,
                "Referer": origin + path,
                "Content-Type": "application/x-www-form-urlencoded",
            }
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read().decode()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.results.error(f"{step}: {type(error).__name__}")
            raise StepFailed from error
        self.results.record(step, time.perf_counter() - started)
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, __, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        if response.status not in expect:
            location = response.getheader("Location")
            to = f" to {location.split('?')[0]}" if location else ""
            self.results.error(f"{step}: HTTP {response.status}{to}")
            raise StepFailed
        return response, content

    def close(self):
        self.connection.close()


class StepFailed(Exception):
    pass


def take_exam(learner: Learner, port: int, results: Results) -> None:
    base = f"/learn/{COURSE}/quiz/"
    browser = Browser(port, learner.session_key, results)
    try:
        __, page = browser.request("overview", "GET", base)
        token = CSRF_INPUT.search(page).group(1)
        form_headers = {"X-CSRFToken": token}
        attempt, learner.number = start_attempt(browser, "start", base, form_headers)
        __, page = browser.request("attempt", "GET", attempt)
        json_headers = form_headers | {"Accept": "application/json"}
        for position, places in choose_answers(page, learner.index).items():
            body = urlencode(
                [("question", position)] + [(f"q-{position}", p) for p in places]
            )
            browser.request("save", "POST", attempt + "answers/", body, json_headers)
            learner.saved[position] = places
        if learner.index % DOUBLE_SUBMIT_EVERY == 0:
            twin = Browser(port, learner.session_key, results)
            twin.cookies = dict(browser.cookies)
            submits = [
                threading.Thread(
                    target=submit, args=(b, attempt, json_headers, learner), daemon=True
                )
                for b in (browser, twin)
            ]
            for thread in submits:
                thread.start()
            for thread in submits:
                thread.join()
            twin.close()
        else:
            submit(browser, attempt, json_headers, learner)
    except StepFailed:
        pass
    finally:
        browser.close()


def start_attempt(browser: Browser, step: str, quiz: str, headers: dict):
    """Confirm the start of an attempt, as its button does: the attempt's URL and number."""
    response, __ = browser.request(
        step, "POST", quiz + "start/", "confirm=1", headers, expect=(302,)
    )
    attempt = response.getheader("Location")
    found = ATTEMPT_URL.search(attempt)
    if found is None:
        browser.results.error(f"{step}: redirected to {attempt}, not to an attempt")
        raise StepFailed
    return attempt, int(found.group(1))


def submit(browser: Browser, attempt: str, headers: dict, learner: Learner) -> None:
    try:
        __, body = browser.request("submit", "POST", attempt + "submit/", "", headers)
    except StepFailed:
        return
    learner.graded_now.append('"graded_now": true' in body)


def choose_answers(page: str, seed: int) -> dict[int, list[int]]:
    """A plausible learner: one choice per single-choice question, one to three otherwise."""
    rng = random.Random(seed)  # noqa: S311 - answers, not secrets
    inputs = defaultdict(list)
    kinds = {}
    for kind, position, place in INPUT.findall(page):
        inputs[int(position)].append(int(place))
        kinds[int(position)] = kind
    return {
        position: sorted(rng.sample(places, rng.randint(1, min(3, len(places)))))
        if kinds[position] == "checkbox"
        else [rng.choice(places)]
        for position, places in sorted(inputs.items())
    }


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_database(name: str) -> None:
    import psycopg

    with psycopg.connect(
        "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(learners: int) -> list[Learner]:
    """Migrate, import the content and create the learners with a session each."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("import_content", verbosity=0)
    users = []
    for index in range(learners):
        user = User(username=f"learner{index:05d}")
        user.set_unusable_password()
        users.append(user)
    User.objects.bulk_create(users, batch_size=500)
    users = list(
        User.objects.filter(username__startswith="learner").order_by("username")
    )
    store = SessionStore()
    expires = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    sessions = [
        Session(
            session_key=secrets.token_hex(16),
            expire_date=expires,
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
        )
        for user in users
    ]
    Session.objects.bulk_create(sessions, batch_size=500)
    return [Learner(index, s.session_key) for index, s in enumerate(sessions)]


def start_gunicorn(port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        str(ROOT / "deploy" / "gunicorn.conf.py"),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        str(log.with_suffix(".access")),
        "citylearn.wsgi",
    ]
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        command, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/healthz", headers={"X-Forwarded-Proto": "https"})
            if probe.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer on port {port}; see {log}")


def stored_selections(course_slug: str) -> dict[int, dict[int, list[int]]]:
    """Each attempt's chosen places (1-based, as shown) per question position."""
    from citylearn.quizzes.models import SelectedChoice

    selections = defaultdict(lambda: defaultdict(list))
    for attempt_id, position, order, choice_id in SelectedChoice.objects.filter(
        attempt_question__attempt__quiz__course__slug=course_slug
    ).values_list(
        "attempt_question__attempt",
        "attempt_question__position",
        "attempt_question__choice_order",
        "choice_id",
    ):
        selections[attempt_id][position].append(order.index(choice_id) + 1)
    return selections


def check(learners: list[Learner]) -> dict[str, int]:
    """Compare what the learners were told with what the database holds."""
    from django.db.models import Count, Q, Sum

    from citylearn.quizzes.models import Attempt

    by_user = {f"learner{learner.index:05d}": learner for learner in learners}
    attempts = Attempt.objects.filter(quiz__course__slug=COURSE).annotate(
        points=Sum("attempt_questions__points"),
        questions=Count("attempt_questions"),
        answered=Count(
            "attempt_questions", filter=Q(attempt_questions__answered_at__isnull=False)
        ),
    )
    selections = stored_selections(COURSE)

    counts = Counter()
    seen = set()
    for attempt in attempts.select_related("user"):
        learner = by_user[attempt.user.username]
        seen.add(learner.index)
        counts["attempts"] += 1
        counts["graded"] += attempt.graded_at is not None
        counts["wrong score"] += (
            attempt.score is None
            or abs(
                float(attempt.points) * 100 / attempt.questions - float(attempt.score)
            )
            > 0.01
        )
        stored = {p: sorted(v) for p, v in selections[attempt.pk].items()}
        counts["lost answers"] += sum(
            stored.get(p) != places for p, places in learner.saved.items()
        )
        told = learner.graded_now.count(True)
        counts["graded once"] += told == 1
        counts["graded twice"] += told > 1
        counts["never graded"] += told == 0
    counts["learners without an attempt"] = sum(
        1 for learner in learners if learner.index not in seen
    )
    return counts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(results: Results, learners: list[Learner], seconds: float, counts) -> None:
    everything = [v for values in results.latencies.values() for v in values]
    submitted = sum(1 for learner in learners if learner.graded_now)
    print(f"\nlearners {len(learners)}, requests {len(everything)}, {seconds:.1f} s")
    print(
        f"submissions/s {submitted / seconds:.1f}   requests/s {len(everything) / seconds:.1f}"
    )
    print(
        f"{'step':<10}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for step in ["overview", "start", "attempt", "save", "submit", "all"]:
        values = everything if step == "all" else results.latencies[step]
        if not values:
            continue
        print(
            f"{step:<10}{len(values):>8}"
            + "".join(
                f"{1000 * v:>9.1f}"
                for v in (
                    statistics.median(values),
                    percentile(values, 0.95),
                    percentile(values, 0.99),
                    max(values),
                )
            )
        )
    print(f"errors {sum(results.errors.values())}", dict(results.errors) or "")
    print("checks", dict(counts))
    doubles = sum(1 for learner in learners if len(learner.graded_now) == 2)
    print(f"double submissions sent {doubles}, each graded once: ", end="")
    print(
        all(
            learner.graded_now.count(True) == 1
            for learner in learners
            if learner.graded_now
        )
    )


def record_figures(results: Results, learners, counts, args) -> None:
    from bench.figures import record

    setting = {
        "database": "postgresql",
        "workers": f"{args.workers} gunicorn",
        "concurrency": args.concurrency,
        "data": f"{len(learners):,} learners",
    }
    everything = [v for values in results.latencies.values() for v in values]
    record(
        "exam_window",
        "every request, p95",
        1000 * percentile(everything, 0.95),
        "ms",
        target=300,
        **setting,
    )
    record(
        "exam_window",
        "server errors",
        sum(results.errors.values()),
        "errors",
        target=1,
        **setting,
    )
    record(
        "exam_window",
        "attempts not graded exactly once",
        len(learners) - counts["graded once"],
        "attempts",
        target=1,
        **setting,
    )
    record(
        "exam_window",
        "acknowledged answers lost",
        counts["lost answers"],
        "answers",
        target=1,
        **setting,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--database", default="citylearn_bench_exam")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/13",
        help="the Redis database production's cache uses; emptied first",
    )
    args = parser.parse_args()

    fresh_database(args.database)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.exam_settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        CONTENT_DIR=str(ROOT / "content"),
        REDIS_URL=args.redis,
    )
    os.environ.pop("CELERY_BROKER_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache

    cache.clear()
    from django.db import connections

    started = time.perf_counter()
    learners = prepare(args.learners)
    connections.close_all()
    print(f"prepared {len(learners)} learners in {time.perf_counter() - started:.1f} s")

    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="exam_window_")) / "gunicorn.log"
    server = start_gunicorn(port, args.workers, log)
    print(f"gunicorn: {args.workers} workers on 127.0.0.1:{port} (log {log})")
    results = Results()
    load_before = os.getloadavg()[0]
    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            for learner in learners:
                pool.submit(take_exam, learner, port, results)
        seconds = time.perf_counter() - started
        load_after = os.getloadavg()[0]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    # gunicorn's master reaps its workers and we reap the master: all its CPU is ours.
    times = os.times()
    server_cpu = times.children_user + times.children_system

    counts = check(learners)
    report(results, learners, seconds, counts)
    record_figures(results, learners, counts, args)
    requests = sum(len(values) for values in results.latencies.values())
    print(
        f"gunicorn CPU {server_cpu:.1f} s = {1000 * server_cpu / requests:.1f} ms a request"
        f" ({args.concurrency} client threads, {args.workers} workers);"
        f" load average {load_before:.1f} before, {load_after:.1f} after"
    )
    failed = (
        sum(results.errors.values())
        or counts["graded once"] != len(learners)
        or counts["lost answers"]
        or counts["wrong score"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
