import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import require_tool

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
SERIOUS = {"serious", "critical"}


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


@pytest.fixture
def page(browser, live_server):
    # axe is injected as a script, which our Content-Security-Policy would refuse.
    context = browser.new_context(bypass_csp=True, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page) -> list[str]:
    """The serious and critical axe violations on the page, one line each."""
    results = axe.run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes)"
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


# A reviewer looks at the pages the browser tests visited: every call leaves a full-page
# PNG in this folder (override with SCREENSHOT_DIR), named after the page and its variant.
SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", "var/screenshots")


def save_screenshot(page, name: str) -> str:
    """Write a full-page screenshot named `name` (e.g. "letter-en-360") and return its path."""
    os.makedirs(SCREENSHOT_DIR, exist_ok=True)
    path = os.path.join(SCREENSHOT_DIR, f"{name}.png")
    page.screenshot(path=path, full_page=True)
    return path
