import pytest

from citylearn.access.enums import Role
from citylearn.organisation.models import StaffProfile
from tests.browser.conftest import serious_violations
from tests.builders import people
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def officer():
    tree = people.district()
    account = people.make_user("hr")
    people.grant(account, Role.HR_OFFICER, tree["street"])
    return account


def test_an_officer_fixes_a_roster_and_applies_it(page, axe, officer, tmp_path):
    page.goto("/en/accounts/login/")
    assert serious_violations(axe, page) == []
    page.get_by_label("Employee id or email").fill("hr")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/en/hr/roster/")
    assert serious_violations(axe, page) == []

    broken = tmp_path / "花名册.csv"
    broken.write_bytes(
        roster_files.gbk_csv(
            [
                person("A1", "王芳", "S1-C1"),
                person("A2", "李雷", "NOPE"),
                person("A1", "韩梅梅", "S1"),
            ]
        )
    )
    page.get_by_label("Roster file").set_input_files(broken)
    page.get_by_role("button", name="Check the file").click()
    errors = page.get_by_role("heading", name="2 errors: nothing can be saved")
    errors.wait_for()
    rows = page.locator(".roster-errors tbody tr")
    assert rows.nth(0).inner_text().split("\t")[:2] == ["3", "部门编码"]
    assert "no department with code “NOPE”" in rows.nth(0).inner_text()
    assert rows.nth(1).inner_text().split("\t")[:2] == ["4", "工号"]
    assert page.get_by_role("button", name="Apply these changes").count() == 0
    assert serious_violations(axe, page) == []

    page.get_by_role("link", name="Upload a corrected file").click()
    fixed = tmp_path / "花名册-改.csv"
    fixed.write_bytes(
        roster_files.gbk_csv(
            [
                person("A1", "王芳", "S1-C1"),
                person("A2", "李雷", "S1"),
                person("A3", "韩梅梅", "S1"),
            ]
        )
    )
    page.get_by_label("Roster file").set_input_files(fixed)
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("3 new people").wait_for()
    assert serious_violations(axe, page) == []
    assert not StaffProfile.objects.exists()

    page.get_by_role("button", name="Apply these changes").click()
    page.get_by_role("heading", name="Roster applied").wait_for()
    assert page.get_by_text("The roster has been applied.").is_visible()
    assert serious_violations(axe, page) == []
    assert sorted(StaffProfile.objects.values_list("employee_id", flat=True)) == [
        "A1",
        "A2",
        "A3",
    ]
