"""A live gunicorn server with the demo data, which every journey walks through.

The server is a separate process, so it cannot see pytest-django's test database, which
lives in a transaction or gets flushed: it gets a database of its own, built as
`python3 dev.py run` builds a newcomer's (migrate, import content/, setup_demo), once per
session. The journeys only look at the site through the browser, as its users do.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from citylearn.core.demo import DEMO_PASSWORD
from tests.browser.conftest import SERIOUS
from tests.conftest import require_tool, skip_or_fail

ROOT = Path(__file__).resolve().parents[2]
# What `python3 dev.py run` does before it serves, in one process to start Django once.
BUILD_DEMO = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("import_content", verbosity=0)
call_command("setup_demo")
"""
# A request line in gunicorn's access log answered with a 5xx status.
SERVER_ERROR = re.compile(r'^.*" 5\d\d .*$', re.M)
# Short animations only (a message fading in): Wagtail's admin badge pulses for 25 s, and
# waiting for it made the editor's journey two minutes long.
SHORT_ANIMATIONS_FINISHED = """Promise.all(document.getAnimations()
    .filter(animation => animation.effect.getComputedTiming().endTime <= 2000)
    .map(animation => animation.finished.catch(() => null)))"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_database(scratch: Path) -> str:
    """A fresh database beside the suite's: PostgreSQL when the suite runs on it."""
    suite = os.environ.get("DATABASE_URL", "")
    if not suite.startswith("postgres"):
        return f"sqlite:///{scratch / 'demo.sqlite3'}"
    url = suite + "_journeys"
    drop_database(url)
    server, name = url.rsplit("/", 1)
    with psycopg.connect(server + "/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url


def drop_database(url: str) -> None:
    if url.startswith("postgres"):
        server, name = url.rsplit("/", 1)
        with psycopg.connect(server + "/postgres", autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    server.terminate()
    pytest.fail(f"gunicorn did not answer on port {port}:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory):
    """The base URL of gunicorn serving the demo: what `python3 dev.py run` builds."""
    require_tool("chromium")
    gunicorn = Path(sys.executable).with_name("gunicorn")
    if not gunicorn.exists():
        skip_or_fail("gunicorn is not installed in this environment")
    scratch = tmp_path_factory.mktemp("demo-site")
    database = server_database(scratch)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.journeys.server_settings",
        "DATABASE_URL": database,
        "MEDIA_ROOT": str(scratch / "media"),
        "PRIVATE_MEDIA_ROOT": str(scratch / "private"),
        "CONTENT_DIR": str(ROOT / "content"),
        # One process: the page cache and rate limits live in its memory, and
        # tasks run in it, as on a newcomer's machine.
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "",
        "CONN_MAX_AGE": "0",
    }
    log = scratch / "server.log"
    with log.open("w") as out:
        subprocess.run(  # noqa: S603 - our own Python, a fixed script
            [sys.executable, "-c", BUILD_DEMO],
            cwd=ROOT,
            env=env,
            stdout=out,
            check=True,
        )
    port = free_port()
    access_log = scratch / "access.log"
    server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
        [
            str(gunicorn),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "4",
            "--timeout",
            "60",
            "--access-logfile",
            str(access_log),
            "citylearn.wsgi",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(port, server, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        drop_database(database)
    # A server error in any journey fails the run, even if the page looked fine.
    assert SERVER_ERROR.findall(access_log.read_text()) == [], log.read_text()[-3000:]


class Visitor:
    """One person's browser on the demo site; every page it loads must pass axe."""

    def __init__(self, context, checker):
        self.page = context.new_page()
        self.axe = checker
        self.loaded: list[str] = []
        self.checked: set[str] = set()
        self.page.on("load", lambda page: self.loaded.append(page.url))

    def go(self, path: str) -> None:
        self.page.goto(path)
        self.check()

    def check(self) -> None:
        """No serious or critical axe violation on the page now in the browser."""
        self.page.wait_for_load_state()
        # A message still fading in has the contrast of its half-way colours.
        self.page.evaluate(SHORT_ANIMATIONS_FINISHED)
        problems = [
            f"{violation['id']}: {node['target']} {node['html'][:120]}"
            for violation in self.axe.run(self.page).response["violations"]
            if violation["impact"] in SERIOUS
            for node in violation["nodes"]
        ]
        assert problems == [], f"{self.page.url}: {problems}"
        self.checked.add(self.page.url)

    def unchecked(self) -> list[str]:
        return [url for url in self.loaded if url not in self.checked]

    def sign_in(self, username: str) -> None:
        self.go("/en/accounts/login/")
        self.page.get_by_label("Employee id or email").fill(username)
        self.page.get_by_label("Password").fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name="Sign in").click()
        self.check()


@pytest.fixture
def visitor(browser, demo_site, axe):
    """Make a visitor with a browser of their own; each must have checked every page."""
    contexts, visitors = [], []

    def new_visitor() -> Visitor:
        context = browser.new_context(
            bypass_csp=True, base_url=demo_site, accept_downloads=True
        )
        contexts.append(context)
        visitors.append(Visitor(context, axe))
        return visitors[-1]

    yield new_visitor
    for context in contexts:
        context.close()
    assert [url for v in visitors for url in v.unchecked()] == []
