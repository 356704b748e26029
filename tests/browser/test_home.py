import pytest

from tests.browser.conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_language_switch_and_elder_mode(page, axe):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert page.locator("h1").count() == 1
    assert serious_violations(axe, page) == []

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert serious_violations(axe, page) == []

    toggle = page.get_by_role("button", name="Larger text")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "elder" in page.locator("html").get_attribute("class")
    assert serious_violations(axe, page) == []

    page.goto("/")  # remembered across pages, without a cookie
    assert "elder" in page.locator("html").get_attribute("class")
    assert page.context.cookies() == []


def test_home_page_fits_a_360px_phone(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360


def test_skip_link_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
