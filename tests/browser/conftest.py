"""Browser tests: a page of the live test server; `browser` and `axe` are shared by
every folder of tests from tests/conftest.py, since one process runs one Playwright."""

import os

import pytest

SERIOUS = {"serious", "critical"}


@pytest.fixture
def page(browser, live_server):
    # axe is injected as a script, which our Content-Security-Policy would refuse.
    context = browser.new_context(bypass_csp=True, base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


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
