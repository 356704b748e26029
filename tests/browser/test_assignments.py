import datetime

import pytest
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments.models import Assignment
from tests.browser.conftest import serious_violations
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 360, "height": 780}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def world():
    tree = people.district()
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    people.staff("A1", tree["street"], name="王芳")
    people.staff("A2", tree["community"], name="王小明")
    make_course(lessons=1, title="数据安全与个人信息保护")
    return tree


def accessible_at_both_widths(axe, page) -> list[str]:
    problems = []
    for size in (WIDE, NARROW):
        page.set_viewport_size(size)
        problems += [f"{size['width']}px {p}" for p in serious_violations(axe, page)]
    page.set_viewport_size(WIDE)
    return problems


def test_an_officer_assigns_a_course_to_a_department_and_sees_it_listed(
    page, axe, world
):
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill("hr")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()

    page.goto("/en/hr/assignments/")
    assert accessible_at_both_widths(axe, page) == []
    page.get_by_role("link", name="Assign a course").click()
    assert accessible_at_both_widths(axe, page) == []

    # A careless first try: no department, no date.
    page.get_by_label("Course").select_option(label="数据安全与个人信息保护")
    page.get_by_role("button", name="Assign", exact=True).click()
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "Type the department" in summary.inner_text()
    assert accessible_at_both_widths(axe, page) == []

    # The people search finds people in scope without any script.
    page.get_by_label("Find people").fill("王")
    page.get_by_role("button", name="Search").click()
    page.get_by_label("王小明（A2，东一社区）").wait_for()
    assert accessible_at_both_widths(axe, page) == []

    page.locator("#id_department").fill("东街道")
    due = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_role("heading", name="People covered").wait_for()
    assert "王小明" in page.content()
    assert accessible_at_both_widths(axe, page) == []

    assignment = Assignment.objects.get()
    for path in ("extend/", "withdraw/"):
        page.goto(f"/en/hr/assignments/{assignment.pk}/{path}")
        assert accessible_at_both_widths(axe, page) == []
    page.goto("/en/hr/assignments/targets/")
    assert accessible_at_both_widths(axe, page) == []

    page.goto("/en/hr/assignments/")
    row = page.get_by_role("row").filter(has_text="数据安全与个人信息保护")
    assert "东街道" in row.inner_text()
    assert due.isoformat() in row.inner_text()

    # The same list in Chinese, on a phone.
    page.goto("/hr/assignments/")
    page.set_viewport_size(NARROW)
    assert serious_violations(axe, page) == []


def test_error_pages_are_accessible(page, axe, world):
    learner = people.staff("L1", world["community"])
    page.goto("/no/such/page/")
    assert accessible_at_both_widths(axe, page) == []
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill(learner.employee_id)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    for path in ("/en/hr/assignments/new/", "/admin/"):
        page.goto(path)
        assert accessible_at_both_widths(axe, page) == []
    assert "editing area" in page.content() or "编辑区" in page.content()
