import pytest
from django.core import mail

from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders import people
from tests.reminders import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, name: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill(name)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def test_an_officer_reminds_a_department_and_the_learner_sees_the_notice(
    page, axe, settings
):
    settings.REMINDER_WEBHOOK_URL = ""
    built = world.build()
    sign_in(page, "officer-a")

    page.goto("/en/hr/?department=A")
    page.get_by_role("link", name="Remind everyone overdue in 甲局").click()
    page.get_by_role("heading", name="Remind everyone overdue in 甲局").wait_for()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "reminders-confirm-en")
    page.get_by_role("button", name="Send the reminders").click()

    page.get_by_role("heading", name="HR dashboard: 甲局").wait_for()
    assert page.get_by_role("status").get_by_text("7 reminders sent.").is_visible()
    assert len(mail.outbox) == 7

    page.context.clear_cookies()
    sign_in(page, "P-late")
    page.goto("/en/my/learning/")
    notices = page.locator("section.notices")
    notices.get_by_role("heading", name="Notices").wait_for()
    notice = notices.locator("p").filter(has_text="Your training officer reminds you")
    assert built["course"].title in notice.inner_text()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "reminders-notice-en")

    notices.get_by_role("button", name="Mark as read").click()
    page.get_by_role("heading", name="My learning").wait_for()
    assert page.locator("section.notices").count() == 0
