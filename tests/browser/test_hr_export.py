import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders import people
from tests.reports import world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("Employee id or email").fill(username)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def employee_ids(path) -> list[str]:
    # Playwright keeps a download under a name without an extension, which openpyxl wants.
    content = io.BytesIO(Path(path).read_bytes())
    sheet = load_workbook(content, read_only=True).worksheets[0]
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_an_officer_downloads_the_filtered_dashboard(page, axe, settings):
    world.build()
    sign_in(page, "officer")
    page.goto("/en/hr/")
    page.get_by_label("Status").select_option(label="Overdue")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("heading", name="People").wait_for()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "hr-export-dashboard-filtered-en")

    with page.expect_download() as started:
        page.get_by_role("button", name="Export Excel").click()
    download = started.value

    assert download.suggested_filename.endswith(".xlsx")
    # Overdue today: only the person who never finished course X, due in March.
    assert employee_ids(download.path()) == ["P3"]

    # Past the threshold, a worker writes it and the officer downloads it from a page.
    settings.EXPORT_ROWS_AT_ONCE = 2
    page.goto("/en/hr/")
    page.get_by_role("button", name="Export Excel").click()
    page.get_by_role("link", name="Download the file").wait_for()
    assert serious_violations(axe, page) == []
    save_screenshot(page, "hr-export-ready-en")
    with page.expect_download() as started:
        page.get_by_role("link", name="Download the file").click()
    assert employee_ids(started.value.path()) == ["P1", "P2", "P3", "P4", "P5", "P6"]
