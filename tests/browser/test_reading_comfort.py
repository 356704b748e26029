"""Line length, and the glossary's index and filter, in a real browser."""

import pytest

from tests.browser.conftest import save_screenshot, serious_violations
from tests.browser.test_public_pages import ELDER_MODE, site  # noqa: F401 - a fixture
from tests.builders import pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT_PAGES = [
    "/rights/right-to-access/",
    "/cases/city-brain/",
    "/register/risk-scoring/",
    "/glossary/",
]
# The widest line of body text, in characters of its own size (a Chinese character is
# 1em wide), for every paragraph, list item and definition in the main content.
WIDEST_LINE = """() => Math.max(...Array.from(
  document.querySelectorAll("main p, main li, main dd"),
  (element) => element.getBoundingClientRect().width
    / parseFloat(getComputedStyle(element).fontSize)
))"""


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_body_text_keeps_to_about_forty_characters_a_line(page, site, elder):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    if elder:
        page.add_init_script(ELDER_MODE)
    for path in TEXT_PAGES:
        page.goto(path)
        assert page.evaluate(WIDEST_LINE) <= 40, path


def test_a_reader_finds_a_term_by_its_letter_or_by_typing(page, axe, site):  # noqa: F811
    pages.term("数据分级分类", "data-classification", definition="按重要程度分类。")
    page.goto("/glossary/")
    assert serious_violations(axe, page) == []
    page.locator('.glossary-index a[href="#letter-S"]').focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/#letter-S")
    assert page.locator("#data-classification").is_visible()

    page.locator("#glossary-filter-input").fill("个人")
    assert page.locator("#personal-information").is_visible()
    assert not page.locator("#data-classification").is_visible()
    assert not page.locator("#letter-S").is_visible()
    assert "1" in page.locator("[data-glossary-filter-status]").inner_text()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "glossary-filtered-zh")
