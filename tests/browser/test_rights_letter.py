"""A citizen writes a letter that exercises a right, with the keyboard alone."""

import subprocess

import pytest

from citylearn.content_import.services import import_content
from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders import pages
from tests.conftest import require_tool
from tests.letters.content import write_letters_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ORGANISATION = "幸福里社区居委会"
DATA = "社区活动报名时登记的手机号"
ELDER_MODE = "window.localStorage.setItem('citylearn-elder-mode', 'on')"


@pytest.fixture
def site(tmp_path):
    pages.home_page()  # a transactional test starts from an empty database
    report = import_content(write_letters_tree(tmp_path / "content"))
    assert report.messages() == []


def tab_to(page, selector: str, presses: int = 80) -> None:
    """Move the focus with Tab alone until it is on the element matched."""
    for __ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(
            "selector => document.activeElement.matches(selector)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def follow(page, selector: str, url: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Enter")
    page.wait_for_url(url)


def test_a_citizen_writes_a_letter_withdrawing_consent(page, axe, site, tmp_path):
    page.goto("/")
    assert serious_violations(axe, page) == []
    follow(page, 'a[href="/rights/"]', "**/rights/")
    assert serious_violations(axe, page) == []
    follow(page, 'a[href="/rights/withdraw-consent/"]', "**/rights/withdraw-consent/")
    assert serious_violations(axe, page) == []
    follow(page, 'a[href="/letters/withdraw-consent/"]', "**/letters/withdraw-consent/")

    assert page.locator("#id_right").input_value() == "withdraw-consent"
    assert page.locator(".letter-privacy").is_visible()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-form-zh")

    # Sent without the data: the errors are shown in place, focus on their summary.
    tab_to(page, "#id_organisation")
    page.keyboard.type(ORGANISATION)
    tab_to(page, ".letter-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#id_organisation").input_value() == ORGANISATION
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-form-errors-zh")

    tab_to(page, "#error-summary a[href='#id_data']")
    page.keyboard.press("Enter")
    tab_to(page, "#id_data")
    page.keyboard.type(DATA)
    tab_to(page, ".letter-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("article.letter")

    letter = page.locator("article.letter")
    assert ORGANISATION in letter.inner_text()
    assert "第十五条" in letter.inner_text()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-zh")
    page.emulate_media(media="print")
    assert letter.is_visible()
    assert not page.locator(".letter-download").is_visible()
    page.emulate_media(media="screen")

    tab_to(page, ".letter-download button")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "letter-withdraw-consent.pdf"
    pdf = tmp_path / "letter.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert ORGANISATION in "".join(text.split())


def test_the_letter_in_english(page, axe, site):
    page.goto("/en/letters/withdraw-consent/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-form-en")

    tab_to(page, "#id_organisation")
    page.keyboard.type(ORGANISATION)
    tab_to(page, "#id_data")
    page.keyboard.type(DATA)
    tab_to(page, ".letter-form button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("article.letter")

    assert page.locator("article.letter").get_attribute("lang") == "zh-Hans"
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-en")


def test_the_form_and_the_letter_fit_a_360px_phone_in_elder_mode(page, axe, site):
    page.set_viewport_size({"width": 360, "height": 740})
    page.add_init_script(ELDER_MODE)
    page.goto("/letters/deceased-relative/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    save_screenshot(page, "letter-form-zh-elder-360")

    page.locator("#id_organisation").fill(ORGANISATION)
    page.locator("#id_data").fill("父亲的社保缴费记录")
    with page.expect_navigation():
        page.locator(".letter-form button[type=submit]").click()

    assert page.locator("article.letter").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_violations(axe, page) == []
    save_screenshot(page, "letter-zh-elder-360")
