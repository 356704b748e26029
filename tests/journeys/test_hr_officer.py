"""An HR officer brings two newcomers in with a roster file, assigns a course to their
community, and finds them on the dashboard. (Exports are not on main yet: the journey
stops at the dashboard.)"""

import datetime

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = [pytest.mark.browser]


def test_an_officer_imports_a_roster_assigns_a_course_and_exports_the_dashboard(
    visitor, tmp_path
):
    officer = visitor()
    page = officer.page
    officer.sign_in("hr")

    officer.go("/en/hr/roster/")
    roster = tmp_path / "和平社区新入职.csv"
    roster.write_bytes(
        roster_files.gbk_csv(
            [
                person("J-0001", "周晓雯", "DC-XF", "网格员"),
                person("J-0002", "欧阳子涵", "DC-XF", "社工"),
            ]
        )
    )
    page.get_by_label("Roster file").set_input_files(roster)
    page.get_by_role("button", name="Check the file").click()
    page.get_by_text("2 new people").wait_for()
    officer.check()
    page.get_by_role("button", name="Apply these changes").click()
    page.get_by_role("heading", name="Roster applied").wait_for()
    officer.check()

    officer.go("/en/hr/assignments/new/")
    page.get_by_label("Course").select_option(label="网格化治理与社区数据")
    page.locator("#id_department").fill("幸福社区")
    due = datetime.date.today() + datetime.timedelta(days=30)
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_role("button", name="Assign", exact=True).click()
    page.get_by_role("heading", name="People covered").wait_for()
    officer.check()
    expect(page.get_by_role("cell", name="周晓雯", exact=True)).to_be_visible()
    expect(page.get_by_role("cell", name="欧阳子涵", exact=True)).to_be_visible()

    officer.go("/en/hr/")
    expect(page.locator("h1")).to_contain_text("HR dashboard")
    page.get_by_role("link", name="东城街道办事处").first.click()
    page.wait_for_url("**/hr/?*")
    officer.check()
    page.get_by_role("link", name="幸福社区").first.click()
    page.wait_for_url("**/hr/?*")
    officer.check()
    expect(page.locator("main")).to_contain_text("周晓雯")

    # The filtered dashboard, as a spreadsheet: the same people, at once.
    with page.expect_download() as download:
        page.get_by_role("button", name="Export Excel").first.click()
    workbook = tmp_path / "dashboard.xlsx"
    download.value.save_as(workbook)
    rows = list(
        load_workbook(workbook, read_only=True).active.iter_rows(values_only=True)
    )
    assert any("周晓雯" in row for row in rows[1:])
