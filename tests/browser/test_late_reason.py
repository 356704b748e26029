"""A learner says why a course is late, by keyboard; the officer sees it on the dashboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from citylearn.access.enums import Role
from citylearn.assignments.models import AssignedPerson, Assignment
from tests.browser.conftest import save_screenshot, serious_violations
from tests.browser.test_learning import sign_in
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def accessible(axe, page):
    assert page.locator("h1").count() == 1
    assert serious_violations(axe, page) == []


def test_a_learner_gives_a_reason_and_the_officer_sees_it(page, axe, live_server):
    today = timezone.localdate()
    committed = today + datetime.timedelta(days=10)
    tree = people.district()
    learner = people.staff("L1", tree["community"], name="李四").user
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    course = make_course(lessons=1, title="数据安全法要点")
    assignment = Assignment.objects.create(
        course=course,
        due_on=today - datetime.timedelta(days=5),
        department=tree["street"],
    )
    AssignedPerson.objects.create(
        assignment=assignment, user=learner, due_on=assignment.due_on
    )

    sign_in(page, live_server, learner)
    page.goto("/en/my/learning/")
    accessible(axe, page)
    link = page.get_by_role("link", name="Give a reason for 数据安全法要点")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/late-reason/")
    accessible(axe, page)

    page.get_by_label("Workload").focus()
    page.keyboard.press("ArrowDown")  # Technical problem
    page.keyboard.press("ArrowDown")  # Leave
    page.keyboard.press("ArrowDown")  # Other
    expect(page.get_by_label("Other")).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("外出参加专项培训")
    page.keyboard.press("Tab")
    page.get_by_label("I will complete it by").fill(committed.isoformat())
    button = page.get_by_role("button", name="Send my reason")
    # The date field's day, month and year are each a stop of their own.
    for __ in range(4):
        page.keyboard.press("Tab")
        if button.evaluate("element => element === document.activeElement"):
            break
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    page.wait_for_load_state()
    confirmation = page.locator("#confirmation")
    expect(confirmation).to_be_focused()
    expect(confirmation).to_contain_text("Your training officer can now see")
    accessible(axe, page)
    save_screenshot(page, "late-reason-confirmed")

    sign_in(page, live_server, officer)
    page.goto("/en/hr/")
    reasons = page.locator("section", has=page.locator("#late-heading"))
    expect(reasons).to_contain_text("李四")
    expect(reasons).to_contain_text("Other：外出参加专项培训")
    expect(reasons).to_contain_text(committed.isoformat())
    expect(reasons.get_by_role("link", name="Extend for 李四")).to_be_visible()
    accessible(axe, page)
    save_screenshot(page, "late-reason-dashboard")
