"""Citizens' pages in a real browser: axe, 360 px, elder mode, keyboard, print, a journey."""

import re

import pytest

from citylearn.feedback.models import Feedback
from citylearn.transparency import services as transparency
from citylearn.transparency.selectors import CategoryCount
from tests.browser.conftest import serious_violations
from tests.builders import pages
from tests.builders.learning import make_course
from tests.builders.quizzes import make_bank, make_self_check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_TYPES = [
    "/",
    "/rights/",
    "/rights/right-to-access/",
    "/cases/",
    "/cases/?region=china",
    "/cases/city-brain/",
    "/register/",
    "/register/risk-scoring/",
    "/glossary/",
    "/transparency/",
    "/search/?q=个人信息",
    "/self-check/",
]
ELDER_MODE = "window.localStorage.setItem('citylearn-elder-mode', 'on')"


@pytest.fixture
def site(monkeypatch):
    pages.glossary_page()
    pages.term(
        "个人信息",
        "personal-information",
        aliases=["个人数据"],
        definition="与已识别或者可识别的自然人有关的各种信息。",
    )
    pages.explainer(
        title="查阅复制权：看看别人手里有你哪些信息",
        slug="right-to-access",
        summary="你有权查阅、复制自己的个人信息。",
        body="## 这项权利说的是什么\n\n对方保存了你的个人信息，你可以要求查看。\n\n"
        '!!! example "生活中的例子"\n    小陈申请查阅借款平台保存的资料。',
    )
    pages.explainer(title="自动化决策", slug="automated-decisions", topic="your-rights")
    make_course(lessons=0, slug="data-security", title="数据安全")
    pages.case(
        title="杭州城市大脑",
        slug="city-brain",
        body="## 问题\n\n交通数据里也有个人信息。",
        governance_risks=["opaque-algorithm"],
        related_explainers=["right-to-access"],
        related_courses=["data-security"],
    )
    pages.register_entry(title="健康码式风险赋码", slug="risk-scoring")
    make_self_check(make_bank(3))
    monkeypatch.setattr(
        transparency,
        "training_counts_by_department_category",
        lambda: [
            CategoryCount("委办局", people=120, trained=100, completed_mandatory=90),
            CategoryCount("街道", people=3, trained=3, completed_mandatory=1),
            CategoryCount("社区", people=12, trained=6, completed_mandatory=5),
        ],
    )
    transparency.refresh_training_snapshot()
    pages.home_page().save_revision().publish()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_every_public_page_type_passes_axe_in_both_languages(page, axe, site, elder):
    if elder:
        page.add_init_script(ELDER_MODE)
    for path in PAGE_TYPES:
        for url in (path, f"/en{path}"):
            page.goto(url)
            assert page.locator("h1").count() == 1, url
            assert (
                "elder" in (page.locator("html").get_attribute("class") or "")
            ) is elder
            assert serious_violations(axe, page) == [], url
    assert page.context.cookies() == []


def test_every_public_page_type_fits_a_360px_phone(page, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(ELDER_MODE)  # the largest text is the hardest case
    for path in PAGE_TYPES:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_printing_leaves_the_content_and_drops_the_chrome(page, site):
    page.goto("/rights/right-to-access/")
    page.emulate_media(media="print")
    assert page.locator("h1").is_visible()
    for chrome in (".primary-nav", ".feedback", ".header-tools"):
        assert not page.locator(chrome).is_visible(), chrome


def test_a_citizen_searches_in_chinese_reads_in_elder_mode_and_gives_feedback(
    page, axe, site
):
    page.goto("/")
    page.locator('.primary-nav a[href="/search/"]').click()
    page.wait_for_url("**/search/")
    page.locator("#search-q").fill("查阅复制")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert serious_violations(axe, page) == []
    page.get_by_role("link", name="查阅复制权：看看别人手里有你哪些信息").click()
    page.wait_for_url("**/rights/right-to-access/")

    page.locator("[data-elder-toggle]").click()
    assert "elder" in page.locator("html").get_attribute("class")
    assert serious_violations(axe, page) == []

    term = page.locator("a.glossary-term").first
    assert term.inner_text() == "个人信息"
    assert term.get_attribute("aria-describedby") == "term-personal-information"
    term.click()
    page.wait_for_url("**/glossary/#personal-information")
    assert page.locator("#personal-information").is_visible()
    assert "elder" in page.locator("html").get_attribute("class")  # still remembered
    page.go_back()
    page.wait_for_url("**/rights/right-to-access/")

    # Keyboard only: tab from "yes" to the comment box, type, tab to the button, Enter.
    page.locator("#id_feedback-helpful_0").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_feedback-comment"
    page.keyboard.type("第二段的例子很好懂")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/feedback/thanks/\?next="))
    assert serious_violations(axe, page) == []

    feedback = Feedback.objects.get()
    assert (feedback.path, feedback.comment) == (
        "/rights/right-to-access/",
        "第二段的例子很好懂",
    )
    assert feedback.helpful is True
    assert page.context.cookies() == []
    page.locator('main a[href="/rights/right-to-access/"]').click()
    page.wait_for_url("**/rights/right-to-access/")
