"""A citizen, keyboard only: from the home page to the self-check and its result; and
a feedback form sent without an answer, which keeps the reader where they were."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.feedback.models import Feedback
from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders.pages import home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(content_root):
    home_page()  # a transactional test starts from an empty database
    assert import_content(content_root).problems == []


def tab_to(page, test: str, limit: int = 60) -> None:
    """Press Tab until `test`, JavaScript about `element`, is true of the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(element => {test})(document.activeElement)"):
            return
    raise AssertionError(f"never reached {test!r} with Tab")


@pytest.mark.parametrize(
    ("prefix", "link"),
    [
        ("", "测一测你对数据权利的了解"),
        ("/en", "Test what you know about your data rights"),
    ],
)
def test_a_citizen_takes_the_self_check_from_the_home_page_by_keyboard(
    page, axe, site, prefix, link
):
    page.goto(f"{prefix}/")
    tab_to(page, f"element.innerText.trim() === {link!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/rights-check/")
    assert serious_violations(axe, page) == []

    tab_to(page, "element.type === 'checkbox'")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "check"
    page.keyboard.press("Enter")

    page.wait_for_url("**check=1**")
    assert page.evaluate("document.activeElement.id") == "result"
    assert page.locator(".result-score").is_visible()
    assert serious_violations(axe, page) == []
    save_screenshot(page, f"self-check-result{prefix.replace('/', '-') or '-zh'}")


def test_feedback_sent_without_an_answer_shows_the_error_in_place(page, axe, site):
    page.goto("/rights/right-to-deletion/")
    page.locator("#id_feedback-comment").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    assert page.url.endswith("/rights/right-to-deletion/")
    assert page.evaluate("document.activeElement.id") == "feedback-errors"
    assert page.locator("#feedback-errors a").inner_text() == "请选择“有”或“没有”。"
    assert serious_violations(axe, page) == []
    save_screenshot(page, "feedback-error-in-place")

    page.locator("#feedback-errors a").click()
    page.keyboard.press("Space")
    page.locator("form[data-feedback-form] button[type=submit]").click()
    page.wait_for_url("**/feedback/thanks/**")
    assert Feedback.objects.count() == 1


def test_without_javascript_the_reader_comes_back_to_the_article(
    browser, live_server, site
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/rights/right-to-deletion/")
    page.locator("form[data-feedback-form] button[type=submit]").click()

    page.wait_for_url(
        "**/rights/right-to-deletion/?feedback=unanswered#feedback-errors"
    )
    assert page.locator("#feedback-errors").is_visible()
    assert page.evaluate("document.activeElement.id") == "feedback-errors"
    context.close()
