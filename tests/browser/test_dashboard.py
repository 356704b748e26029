import pytest

from tests.browser.conftest import serious_violations
from tests.builders import people
from tests.reports import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def accessible_at_both_widths(axe, page) -> list[str]:
    problems = serious_violations(axe, page)
    page.set_viewport_size(PHONE)
    problems += [f"360 px: {problem}" for problem in serious_violations(axe, page)]
    page.set_viewport_size(DESKTOP)
    return problems


def test_an_officer_drills_down_to_a_persons_record(page, axe):
    world.build()
    page.set_viewport_size(DESKTOP)
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill("officer")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/en/hr/")
    page.get_by_role("heading", name="HR dashboard: 区").wait_for()
    assert page.get_by_role("img", name="Completion rate by department").is_visible()
    assert accessible_at_both_widths(axe, page) == []

    page.get_by_role("link", name="甲局", exact=True).first.click()
    page.get_by_role("heading", name="HR dashboard: 甲局").wait_for()
    assert accessible_at_both_widths(axe, page) == []

    page.locator("#people-heading ~ table").get_by_role("link", name="一号").click()
    page.get_by_role("heading", name="Training record: 一号").wait_for()
    assert page.get_by_text("Completed on time").first.is_visible()
    assert accessible_at_both_widths(axe, page) == []


def test_a_head_sees_only_their_subtree(page, axe):
    world.build()
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill("head")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto("/en/hr/")

    page.get_by_role("heading", name="HR dashboard: 乙街道").wait_for()
    assert page.get_by_text("甲局").count() == 0
    assert accessible_at_both_widths(axe, page) == []
