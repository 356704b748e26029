import os
import shutil
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import transaction

pytest_plugins = ["tests.content_tree"]

# CI must run every test; on a newcomer's machine a missing browser only skips.
IN_CI = os.environ.get("CI") == "true"


def skip_or_fail(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required in CI)")
    pytest.skip(reason)


# The Debian package that installs each system tool a test runs.
TOOL_PACKAGES = {
    "chromium": "chromium",
    "nginx": "nginx",
    "pdffonts": "poppler-utils",
    "pdftotext": "poppler-utils",
    "redis-server": "redis-server",
}


def require_tool(name: str) -> str:
    """The path of a system tool the test needs; skip (fail in CI) when it is missing."""
    # nginx lives in /usr/sbin, which is not on every user's PATH.
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin")
    if path is None:
        skip_or_fail(f"{name} is not installed (apt-get install {TOOL_PACKAGES[name]})")
    return path


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, rolled back at its end.

    A module-scoped fixture that asks for this may build data once (importing a
    content tree takes seconds) for every test of the module: each test runs in a
    savepoint inside it, as `db` does, and its own changes roll back to that data.
    Only for modules whose tests all use `db`: a transactional test would flush it.
    """
    with django_db_blocker.unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        module_transaction.__exit__(None, None, None)


@pytest.fixture
def through_the_broker():
    """Send tasks to the real broker and worker that .ci/run starts, not in-process."""
    from django.conf import settings

    from citylearn.celery import app

    # .ci/run's second pass sets a broker and starts a worker; without one there is nothing to test.
    if not settings.CELERY_BROKER_URL:
        pytest.skip("CELERY_BROKER_URL is not set: no broker to send tasks through")
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True


def wait_until(condition, timeout=60.0) -> bool:
    """Poll condition until it holds or timeout seconds pass; for work done by a worker."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.25)
    return False


@pytest.fixture(autouse=True)
def certificate_files(tmp_path, monkeypatch):
    """Certificate PDFs written by a test go to its own temporary directory."""
    from django.core.files.storage import FileSystemStorage

    from citylearn.certificates.models import Certificate

    storage = FileSystemStorage(location=tmp_path / "certificates")
    monkeypatch.setattr(Certificate._meta.get_field("pdf"), "storage", storage)
    return storage


@pytest.fixture(autouse=True)
def export_files(settings, tmp_path):
    """HR export files written by a test go to its own temporary directory."""
    settings.STORAGES = {
        **settings.STORAGES,
        "exports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "exports"},
        },
    }
    return tmp_path / "exports"


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever the last request activated."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts and ends with an empty cache: pages, rate limits and lockout
    counters must not leak."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


# Without these flags Chromium keeps dialling out of a machine with no network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    chromium = require_tool("chromium")
    # Playwright's sync API runs an event loop; the ORM refuses to run inside one otherwise.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()
