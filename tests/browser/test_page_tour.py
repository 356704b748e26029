"""One page of each type, in Chinese, in English, in elder mode and on a 360 px phone:
axe on each, and a full-page screenshot of each for a reviewer (SCREENSHOT_DIR)."""

from urllib.parse import urlparse

import pytest

from citylearn.content_import.services import import_content
from citylearn.transparency import services as transparency
from citylearn.transparency.selectors import CategoryCount
from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders.pages import home_page
from tests.builders.people import make_user
from tests.content_tree import write

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Tour-of-the-site-2026"  # noqa: S105 - a test account's
ELDER_MODE = "window.localStorage.setItem('citylearn-elder-mode', 'on')"
ABOUT = """\
    ---
    title: 隐私说明
    summary: 本站收集哪些信息、为什么收集、保存多久。
    last_reviewed: 2026-12-06
    facts: [contact, retention]
    ---
    ## 你的权利

    你可以查阅、复制本站保存的你的个人信息。
    """
PUBLIC_PAGES = {
    "home": "/",
    "explainer-index": "/rights/",
    "explainer": "/rights/right-to-deletion/",
    "case-index": "/cases/",
    "case": "/cases/command-centre/",
    "register-index": "/register/",
    "register-entry": "/register/grid-system/",
    "glossary": "/glossary/",
    "self-check": "/rights-check/",
    "search": "/search/?q=数据",
    "transparency": "/transparency/",
    "privacy": "/privacy/",
    "sign-in": "/accounts/login/",
    "not-found": "/no/such/page/",
}
LEARNER_PAGES = {
    "course-index": "/learn/",
    "course": "/learn/data-basics/",
    "lesson": "/learn/data-basics/quality/",
    "quiz-overview": "/learn/data-basics/quiz/",
    "my-learning": "/my/learning/",
}
VARIANTS = {
    "zh": {"prefix": "", "elder": False, "width": 1280},
    "en": {"prefix": "/en", "elder": False, "width": 1280},
    "elder": {"prefix": "", "elder": True, "width": 1280},
    "360": {"prefix": "", "elder": True, "width": 360},
}


@pytest.fixture
def site(content_root, monkeypatch):
    home_page()  # a transactional test starts from an empty database
    write(content_root, "about/privacy.md", ABOUT)
    assert import_content(content_root).problems == []
    monkeypatch.setattr(
        transparency,
        "training_counts_by_department_category",
        lambda: [
            CategoryCount("区数据局", people=120, trained=100, completed_mandatory=90),
            CategoryCount("城关街道", people=40, trained=22, completed_mandatory=18),
        ],
    )
    transparency.refresh_training_snapshot()
    make_user("tour", password=PASSWORD, first_name="晓明", last_name="张")


def visit(page, axe, url: str, name: str, width: int) -> None:
    response = page.goto(url)
    assert response.status < 500, url
    assert page.locator("h1").count() == 1, url
    if width <= 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    assert serious_violations(axe, page) == [], url
    save_screenshot(page, name)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_page_type_in_each_variant(page, axe, site, variant):
    settings = VARIANTS[variant]
    prefix = settings["prefix"]
    page.set_viewport_size({"width": settings["width"], "height": 900})
    if settings["elder"]:
        page.add_init_script(ELDER_MODE)

    for kind, path in PUBLIC_PAGES.items():
        visit(page, axe, prefix + path, f"{kind}-{variant}", settings["width"])

    page.goto(f"{prefix}/accounts/login/")
    page.locator("#id_username").fill("tour")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{prefix}/")
    assert urlparse(page.url).path == f"{prefix}/", page.url
    for kind, path in LEARNER_PAGES.items():
        visit(page, axe, prefix + path, f"{kind}-{variant}", settings["width"])
