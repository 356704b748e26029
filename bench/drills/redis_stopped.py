"""Drill: Redis (cache and broker) stopped while the site is in use, then started again.

Starts gunicorn (production settings, bench/exam_settings.py) on DATABASE_URL (a
migrated database of the drill's own) with the cache and the broker in a Redis of
the drill's own on port 6390, which it stops and starts (never the shared one).
While Redis is down: the home page must be served, /healthz must name the cache and
the broker, signing in must be refused with its own message, and a signed-in
learner's lesson completion must be saved; none may take longer than LIMIT_SECONDS.
Once Redis is back, the certificate sweep issues the certificate the completion
could not queue.

    DATABASE_URL=postgres://postgres@127.0.0.1:5440/citylearn_fd \\
      python bench/drills/redis_stopped.py
"""

import http.client
import itertools
import os
import secrets
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
PORT = 8792
REDIS_PORT = 6390
LIMIT_SECONDS = 5
PASSWORD = secrets.token_urlsafe(12)
os.environ.update(
    DJANGO_SETTINGS_MODULE="bench.exam_settings",
    SECRET_KEY=secrets.token_urlsafe(50),
    ALLOWED_HOSTS="127.0.0.1",
    REDIS_URL=f"redis://127.0.0.1:{REDIS_PORT}/1",
    CELERY_BROKER_URL=f"redis://127.0.0.1:{REDIS_PORT}/0",
)


class Browser:
    """Just enough of one: cookies, CSRF, and the time each request took."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, path, form=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Origin": f"https://127.0.0.1:{PORT}",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        body = None
        if form is not None:
            form = {**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        seconds = time.monotonic() - started
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";")[0].split("=", 1)
            self.cookies[name] = value
        return response.status, text, seconds


def redis(command: str) -> None:
    if command == "stop":
        subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], check=False
        )
    elif (
        subprocess.run(
            ["redis-cli", "-p", str(REDIS_PORT), "ping"],
            capture_output=True,
            check=False,
        ).stdout.strip()
        != b"PONG"
    ):
        subprocess.run(
            ["redis-server", "--port", str(REDIS_PORT), "--save", ""]
            + ["--daemonize", "yes"],
            check=True,
        )
        time.sleep(0.5)


def start_gunicorn(log: Path) -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "deploy/gunicorn.conf.py")]
        + ["--bind", f"127.0.0.1:{PORT}", "--workers", "2", "citylearn.wsgi"],
        cwd=ROOT,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    for _ in range(120):
        try:
            if Browser().request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer; see {log}")


def main() -> int:
    import django

    django.setup()
    from django.utils import timezone

    from citylearn.certificates.models import Certificate
    from citylearn.certificates.tasks import issue_missing_certificates
    from citylearn.progress.models import CourseCompletion
    from tests.builders import learning, people

    # Publishing the course renews the page cache, in Redis.
    redis("start")
    # Names no earlier run on this database has taken.
    learning._numbers = people._numbers = itertools.count(int(time.time()))
    course = learning.make_course(lessons=1)
    learner = people.make_user(password=PASSWORD)
    lesson = learning.lessons_of(course)[0]

    log = ROOT / "var" / "drill-redis-gunicorn.log"
    log.parent.mkdir(exist_ok=True)
    server = start_gunicorn(log)
    results = {}
    try:
        signed_in = Browser()
        signed_in.request("GET", "/en/accounts/login/")
        signed_in.request(
            "POST",
            "/en/accounts/login/",
            {"username": learner.username, "password": PASSWORD},
        )
        signed_in.request("GET", "/en/my/learning/")  # the CSRF cookie for the POST
        redis("stop")
        results["home page"] = Browser().request("GET", "/")
        results["/healthz"] = Browser().request("GET", "/healthz")
        anonymous = Browser()
        anonymous.request("GET", "/en/accounts/login/")
        results["sign-in"] = anonymous.request(
            "POST",
            "/en/accounts/login/",
            {"username": learner.username, "password": PASSWORD},
        )
        results["lesson completion"] = signed_in.request(
            "POST", f"/my/lessons/{lesson.pk}/complete/", {}
        )
        completed = CourseCompletion.objects.filter(user=learner).first()
        redis("start")
        results["/healthz after"] = Browser().request("GET", "/healthz")
    finally:
        server.terminate()
        server.wait()

    # The sweep's next run, once past its grace period.
    certificates = 0
    if completed:
        CourseCompletion.objects.filter(pk=completed.pk).update(
            completed_at=timezone.now() - timedelta(hours=1)
        )
        os.environ["CELERY_BROKER_URL"] = ""
        from citylearn.celery import app

        app.conf.task_always_eager = True
        issue_missing_certificates()
        certificates = Certificate.objects.filter(completion=completed).count()

    expected = {
        "home page": lambda s, t: s == 200,
        "/healthz": lambda s, t: s == 503 and '"broker", "cache"' in t,
        "sign-in": lambda s, t: s == 200 and "briefly unavailable" in t,
        "lesson completion": lambda s, t: s == 302,
        "/healthz after": lambda s, t: s == 200,
    }
    passed = certificates == 1
    for name, check in expected.items():
        status, text, seconds = results[name]
        ok = check(status, text) and seconds < LIMIT_SECONDS
        passed &= ok
        print(f"  {name}: {status} in {seconds:.2f}s {'ok' if ok else 'WRONG'}")
    print(f"  certificate issued by the sweep once Redis was back: {certificates}")
    print(f"{'PASSED' if passed else 'FAILED'}: Redis stopped and started again")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
