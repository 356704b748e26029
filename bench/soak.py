"""A mixed load for minutes on end, then proof that nothing acknowledged was lost.

Run from the project root with PostgreSQL on 127.0.0.1:5432 (trust auth) and Redis on
127.0.0.1:6379 (databases 12 and 13 become the broker and the cache; both are emptied):

    .venv/bin/python bench/soak.py [--minutes 5] [--quick]

It creates a fresh database of its own, migrates it, imports content/, builds the demo
(`setup_demo`: a district of 200 staff, an HR officer, the compulsory course assigned)
and creates the learners with a session each (no password hashing). Then it starts
gunicorn (production settings, bench/exam_settings.py), a Celery worker and Celery beat,
and for the whole time, all at once, threads on 127.0.0.1 act as

    citizens  reading public pages (read) and searching in Chinese (search);
    learners  starting the data-security course, completing its lessons (lesson), and
              taking its final quiz: start, one save per answer, submit (quiz);
    officers  opening the HR dashboard, the people list and the assignments (dashboard),
              and now and then exporting the dashboard (export): past EXPORT_ROWS_AT_ONCE
              rows, set low here, each export is written by the worker.

Every request has a 30 s timeout, and the load stops when the time is up. Afterwards
the database is compared with what the server acknowledged: every lesson completion
stored exactly once, every saved answer stored, every submitted attempt graded exactly
once, every export ready with all its rows, and no task left in the broker's queue.
Prints throughput, latency percentiles and errors per kind; records the
figures for bench/run.py.
"""

import argparse
import html
import io
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.exam_window import (  # noqa: E402
    CSRF_INPUT,
    Browser,
    Results,
    StepFailed,
    choose_answers,
    free_port,
    fresh_database,
    percentile,
    start_attempt,
    start_gunicorn,
    stored_selections,
)

COURSE = "data-security"
KINDS = ["read", "search", "lesson", "quiz", "dashboard", "export"]
SEARCHES = [
    "个人信息",
    "删除权",
    "数据安全",
    "网格",
    "人脸识别",
    "算法",
    "同意",
    "投诉",
]
OFFICER_PAGES = ["/hr/", "/hr/people/", "/hr/assignments/"]
# One dashboard view in this many is followed by an export, which the worker writes.
EXPORT_EVERY = 10
EXPORT_ROWS_AT_ONCE = 20
EXPORT_URL = re.compile(r"/hr/exports/(\d+)/$")
# Threads per kind: citizens outnumber staff, as on the real site.
# One learner in PASS_EVERY answers right, passes and is issued a certificate by the worker.
PASS_EVERY = 3
QUIZ = ROOT / "content/courses/data-security/quiz.yaml"
TAG = re.compile(r"<[^>]+>")
STEM = re.compile(r'class="question-stem"[^>]*>(.*?)</(?:span|div)>', re.S)
CHOICE = re.compile(
    r'name="q-(\d+)" id="[^"]+" value="(\d+)"[^>]*>\s*<label for="[^"]+"[^>]*>(.*?)</label>',
    re.S,
)
THREADS = {"read": 3, "search": 2, "learner": 3, "dashboard": 1}


@dataclass
class Learner:
    index: int
    session_key: str
    completed: list[int] = field(default_factory=list)
    saved: dict[int, list[int]] = field(default_factory=dict)
    submitted: list[bool] = field(default_factory=list)
    attempt: int | None = None


@dataclass
class Site:
    port: int
    course_id: int
    course_url: str
    lessons: list[tuple[int, str]]
    public_urls: list[str]
    officer_session: str
    exports: list[int] = field(default_factory=list)


def prepare(learners: int) -> tuple[Site, list[Learner]]:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from wagtail.models import Page

    from bench.exam_window import prepare as exam_prepare
    from citylearn.courses.models import CoursePage, LessonPage

    # The exam window's preparation: migrate, import content/, learners with sessions.
    exam_learners = exam_prepare(learners)
    call_command("setup_demo", stdout=io.StringIO())
    course = CoursePage.objects.get(slug=COURSE)
    lessons = [
        (lesson.pk, lesson.url) for lesson in LessonPage.objects.child_of(course).live()
    ]
    public_urls = [
        page.url
        for page in Page.objects.live().public().specific()
        if page.url and not page.url.startswith("/learn/")
    ]
    officer = User.objects.get(username="hr")
    site = Site(
        port=0,
        course_id=course.pk,
        course_url=course.url,
        lessons=lessons,
        public_urls=public_urls,
        officer_session=session_for(officer),
    )
    return site, [Learner(each.index, each.session_key) for each in exam_learners]


def session_for(user) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    store.create()
    return store.session_key


def citizen_reads(site: Site, results: Results, deadline: float, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a load pattern, not a secret
    browser = Browser(site.port, "", results)
    browser.cookies = {}
    while time.monotonic() < deadline:
        try:
            browser.request("read", "GET", rng.choice(site.public_urls))
        except StepFailed:
            browser = Browser(site.port, "", results)
            browser.cookies = {}
    browser.close()


def citizen_searches(site: Site, results: Results, deadline: float, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a load pattern, not a secret
    browser = Browser(site.port, "", results)
    browser.cookies = {}
    while time.monotonic() < deadline:
        query = quote(rng.choice(SEARCHES))
        page = rng.choice(["", "&page=2"])
        try:
            browser.request("search", "GET", f"/search/?q={query}{page}")
        except StepFailed:
            browser = Browser(site.port, "", results)
            browser.cookies = {}
    browser.close()


def officer_opens(site: Site, results: Results, deadline: float, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a load pattern, not a secret
    browser = Browser(site.port, site.officer_session, results)
    while time.monotonic() < deadline:
        try:
            url = rng.choice(OFFICER_PAGES)
            __, page = browser.request("dashboard", "GET", url)
            # The first view of the dashboard exports, so that even a short soak does.
            wants_export = not site.exports or rng.randrange(EXPORT_EVERY) == 0
            if url == "/hr/" and wants_export:
                site.exports.append(export_dashboard(browser, page))
        except StepFailed:
            browser = Browser(site.port, site.officer_session, results)
    browser.close()


def export_dashboard(browser: Browser, page: str) -> int:
    """Ask for the dashboard as XLSX, as its button does: the export queued."""
    headers = {"X-CSRFToken": CSRF_INPUT.search(page).group(1)}
    response, __ = browser.request(
        "export", "POST", "/hr/exports/dashboard/new/", "format=xlsx", headers, (302,)
    )
    found = EXPORT_URL.search(response.getheader("Location"))
    if found is None:
        browser.results.error("export: not queued for the worker")
        raise StepFailed
    return int(found.group(1))


def learners_learn(
    site: Site, results: Results, deadline: float, queue: list[Learner], lock
) -> None:
    while time.monotonic() < deadline:
        with lock:
            if not queue:
                return
            learner = queue.pop()
        browser = Browser(site.port, learner.session_key, results)
        try:
            learn(site, browser, learner, deadline)
        except StepFailed:
            pass
        finally:
            browser.close()


def learn(site: Site, browser: Browser, learner: Learner, deadline: float) -> None:
    """Start the course, complete every lesson, take the final quiz."""
    __, page = browser.request("lesson", "GET", site.course_url)
    headers = {"X-CSRFToken": CSRF_INPUT.search(page).group(1)}
    start = f"/my/courses/{site.course_id}/start/"
    browser.request("lesson", "POST", start, "", headers, expect=(302,))
    for lesson_id, url in site.lessons:
        if time.monotonic() > deadline:
            return
        browser.request("lesson", "GET", url)
        complete = f"/my/lessons/{lesson_id}/complete/"
        browser.request("lesson", "POST", complete, "", headers, expect=(302,))
        learner.completed.append(lesson_id)
    base = f"{site.course_url}quiz/"
    browser.request("quiz", "GET", base)
    attempt, learner.attempt = start_attempt(browser, "quiz", base, headers)
    __, page = browser.request("quiz", "GET", attempt)
    json_headers = headers | {"Accept": "application/json"}
    answers = (
        right_answers(page)
        if learner.index % PASS_EVERY == 0
        else choose_answers(page, learner.index)
    )
    if not answers:
        browser.results.error("quiz: no questions found on the attempt page")
        raise StepFailed
    for position, places in answers.items():
        body = urlencode(
            [("question", position)] + [(f"q-{position}", p) for p in places]
        )
        browser.request("quiz", "POST", attempt + "answers/", body, json_headers)
        learner.saved[position] = places
    __, body = browser.request("quiz", "POST", attempt + "submit/", "", json_headers)
    learner.submitted.append('"graded_now": true' in body)


def right_answers(page: str) -> dict[int, list[int]]:
    """The right choices on an attempt page, from the answers content/ states."""
    right = {}
    for question in yaml.safe_load(QUIZ.read_text(encoding="utf-8"))["questions"]:
        if question["type"] == "true_false":
            right[question["stem"]] = {"正确" if question["answer"] else "错误"}
        else:
            right[question["stem"]] = {
                choice["text"]
                for choice in question["choices"]
                if choice.get("correct")
            }
    answers = {}
    for fieldset in page.split('class="quiz-question"')[1:]:
        stem = STEM.search(fieldset)
        if stem is None or text_of(stem.group(1)) not in right:
            return {}
        for position, place, label in CHOICE.findall(fieldset):
            if text_of(label) in right[text_of(stem.group(1))]:
                answers.setdefault(int(position), []).append(int(place))
    return answers


def text_of(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment)).strip()


def check(learners: list[Learner], site: Site) -> Counter:
    """Compare what the server acknowledged with what the database holds."""
    from django.db.models import Count, F

    from citylearn.exports.enums import ExportStatus
    from citylearn.exports.models import Export
    from citylearn.progress.models import CourseCompletion, LessonCompletion
    from citylearn.quizzes.models import Attempt

    counts = Counter()
    by_user = {f"learner{learner.index:05d}": learner for learner in learners}
    stored = defaultdict(Counter)
    for username, lesson_id in LessonCompletion.objects.filter(
        user__username__startswith="learner"
    ).values_list("user__username", "lesson_id"):
        stored[username][lesson_id] += 1
    for username, learner in by_user.items():
        counts["lesson completions acknowledged"] += len(learner.completed)
        counts["lesson completions lost"] += sum(
            1 for lesson in learner.completed if stored[username][lesson] == 0
        )
        counts["lesson completions stored twice"] += sum(
            1 for times in stored[username].values() if times > 1
        )
    attempts = {
        (attempt.user.username, attempt.number): attempt
        for attempt in Attempt.objects.filter(quiz__course__slug=COURSE)
        .select_related("user")
        .annotate(questions=Count("attempt_questions"))
    }
    selections = stored_selections(COURSE)
    for username, learner in by_user.items():
        if learner.attempt is None:
            continue
        attempt = attempts.get((username, learner.attempt))
        counts["quiz attempts started"] += 1
        if attempt is None:
            counts["quiz attempts lost"] += 1
            continue
        answers = {p: sorted(v) for p, v in selections[attempt.pk].items()}
        counts["answers acknowledged"] += len(learner.saved)
        counts["answers lost"] += sum(
            answers.get(p) != places for p, places in learner.saved.items()
        )
        if learner.submitted:
            counts["submissions acknowledged"] += 1
            counts["submissions not graded once"] += (
                attempt.graded_at is None or learner.submitted.count(True) != 1
            )
    passed = CourseCompletion.objects.filter(
        course_id=site.course_id, user__username__in=by_user
    )
    counts["courses completed"] = passed.count()
    counts["certificates missing"] = passed.filter(certificate__isnull=True).count()
    exports = Export.objects.filter(pk__in=site.exports)
    counts["exports queued"] = len(site.exports)
    counts["exports not ready with every row"] = (
        len(site.exports)
        - exports.filter(status=ExportStatus.READY, rows_done=F("rows_total")).count()
    )
    return counts


def queued_tasks(broker: str) -> int:
    import redis

    connection = redis.Redis.from_url(broker)
    return connection.llen("celery")


def start_celery(kind: str, log: Path, scratch: Path) -> subprocess.Popen:
    celery = str(Path(sys.executable).with_name("celery"))
    arguments = [celery, "-A", "citylearn", kind, "--loglevel=INFO"]
    if kind == "worker":
        arguments += ["--concurrency=1", "--without-gossip", "--without-mingle"]
    else:
        arguments += ["--schedule", str(scratch / "beat-schedule")]
    return subprocess.Popen(  # noqa: S603 - our own celery, fixed arguments
        arguments, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def report(results: Results, seconds: float, counts: Counter) -> None:
    everything = [v for values in results.latencies.values() for v in values]
    print(
        f"\n{len(everything)} requests in {seconds:.0f} s: {len(everything) / seconds:.1f}/s"
    )
    print(
        f"{'kind':<10}{'count':>8}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    for kind in [*KINDS, "all"]:
        values = everything if kind == "all" else results.latencies[kind]
        if not values:
            continue
        print(
            f"{kind:<10}{len(values):>8}{len(values) / seconds:>8.1f}"
            + "".join(
                f"{1000 * v:>9.1f}"
                for v in (
                    percentile(values, 0.5),
                    percentile(values, 0.95),
                    percentile(values, 0.99),
                    max(values),
                )
            )
        )
    print(f"errors {sum(results.errors.values())}", dict(results.errors) or "")
    for name, value in counts.items():
        print(f"  {name:<36}{value:>8}")


def record_figures(results: Results, seconds: float, counts: Counter, args) -> None:
    from bench.figures import record

    setting = {
        "database": "postgresql",
        "workers": f"{args.workers} gunicorn, Celery worker and beat",
        "concurrency": sum(THREADS.values()),
        "data": "demo data and content/",
        "minutes": round(seconds / 60, 1),
    }
    everything = [v for values in results.latencies.values() for v in values]
    record("soak", "requests per second", len(everything) / seconds, "req/s", **setting)
    for kind in KINDS:
        if results.latencies[kind]:
            record(
                "soak",
                f"{kind}, p95",
                1000 * percentile(results.latencies[kind], 0.95),
                "ms",
                target=500,
                **setting,
            )
    record(
        "soak", "errors", sum(results.errors.values()), "errors", target=1, **setting
    )
    lost = sum(
        counts[name]
        for name in (
            "lesson completions lost",
            "lesson completions stored twice",
            "quiz attempts lost",
            "answers lost",
            "submissions not graded once",
            "tasks left in the queue",
            "certificates missing",
            "exports not ready with every row",
        )
    )
    record(
        "soak",
        "acknowledged writes lost or doubled",
        lost,
        "writes",
        target=1,
        **setting,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--quick", action="store_true", help="one minute")
    parser.add_argument("--learners", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--database", default="citylearn_sj_soak")
    parser.add_argument("--broker", default="redis://127.0.0.1:6379/12")
    parser.add_argument("--cache", default="redis://127.0.0.1:6379/13")
    args = parser.parse_args()
    minutes = 1 if args.quick else args.minutes

    import redis

    for url in (args.broker, args.cache):
        redis.Redis.from_url(url).flushdb()
    fresh_database(args.database)
    scratch = Path(tempfile.mkdtemp(prefix="soak_"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.exam_settings",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{args.database}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        CONTENT_DIR=str(ROOT / "content"),
        REDIS_URL=args.cache,
        CELERY_BROKER_URL=args.broker,
        MEDIA_ROOT=str(scratch / "media"),
        PRIVATE_MEDIA_ROOT=str(scratch / "private"),
        EXPORT_ROWS_AT_ONCE=str(EXPORT_ROWS_AT_ONCE),
    )
    import django

    django.setup()
    from django.db import connections

    started = time.perf_counter()
    site, learners = prepare(args.learners)
    connections.close_all()
    print(f"prepared in {time.perf_counter() - started:.0f} s; logs in {scratch}")

    site.port = free_port()
    server = start_gunicorn(site.port, args.workers, scratch / "gunicorn.log")
    worker = start_celery("worker", scratch / "worker.log", scratch)
    beat = start_celery("beat", scratch / "beat.log", scratch)
    results = Results()
    queue = list(reversed(learners))
    lock = threading.Lock()
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    deadline = started + 60 * minutes
    threads = []
    for number in range(THREADS["read"]):
        threads.append((citizen_reads, (site, results, deadline, number)))
    for number in range(THREADS["search"]):
        threads.append((citizen_searches, (site, results, deadline, number)))
    for number in range(THREADS["dashboard"]):
        threads.append((officer_opens, (site, results, deadline, number)))
    for __ in range(THREADS["learner"]):
        threads.append((learners_learn, (site, results, deadline, queue, lock)))
    running = [threading.Thread(target=t, args=a, daemon=True) for t, a in threads]
    try:
        for thread in running:
            thread.start()
        for thread in running:
            thread.join(timeout=60 * minutes + 120)
        seconds = time.monotonic() - started
        load_after = os.getloadavg()[0]
        # The worker finishes what the load queued (certificates) before the count.
        drain = time.monotonic() + 120
        while queued_tasks(args.broker) and time.monotonic() < drain:
            time.sleep(1)
    finally:
        for process in (server, worker, beat):
            process.send_signal(signal.SIGTERM)
        for process in (server, worker, beat):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()

    counts = check(learners, site)
    counts["tasks left in the queue"] = queued_tasks(args.broker)
    server_errors = len(
        re.findall(r'" 5\d\d ', (scratch / "gunicorn.access").read_text())
    )
    counts["server errors (HTTP 5xx in the access log)"] = server_errors
    report(results, seconds, counts)
    record_figures(results, seconds, counts, args)
    print(f"load average {load_before:.1f} before, {load_after:.1f} after")
    failed = (
        sum(results.errors.values())
        or server_errors
        or counts["lesson completions lost"]
        or counts["lesson completions stored twice"]
        or counts["quiz attempts lost"]
        or counts["answers lost"]
        or counts["submissions not graded once"]
        or counts["tasks left in the queue"]
        or counts["certificates missing"]
        or counts["exports not ready with every row"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
