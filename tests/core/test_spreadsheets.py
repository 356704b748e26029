import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import resolve
from openpyxl import load_workbook
from wagtail.models import Collection

from citylearn.core.spreadsheets import SafeSpreadsheetExportMixin, safe_cell


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_formula_start_is_shown_as_text(start):
    assert safe_cell(f'{start}HYPERLINK("http://evil")') == (
        f'\'{start}HYPERLINK("http://evil")'
    )


def test_control_characters_go_and_what_they_hid_is_still_neutralised():
    assert safe_cell("\x01=1+1\x1f") == "'=1+1"
    assert safe_cell("第一行\n第二行\t完") == "第一行\n第二行\t完"


def test_other_values_are_left_as_they_are():
    assert safe_cell(-3) == -3
    assert safe_cell(None) is None
    assert safe_cell("数据思维") == "数据思维"


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("root", password="x" * 12)
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_site_history_exports_are_safe_in_a_spreadsheet(admin_client):
    title = '=HYPERLINK("http://evil","点我")\x01'
    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": title,
            "file": ContentFile(b"%PDF-1.4\n", name="report.pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content

    exported = b"".join(
        admin_client.get("/admin/reports/site-history/?export=csv").streaming_content
    ).decode()
    rows = list(csv.reader(io.StringIO(exported)))
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    assert "\x01" not in exported

    response = admin_client.get("/admin/reports/site-history/?export=xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = [
        cell for row in workbook.active.iter_rows(values_only=True) for cell in row
    ]
    assert '\'=HYPERLINK("http://evil","点我")' in cells


def test_every_wagtail_report_that_exports_is_served_by_a_safe_view():
    from wagtail.admin.urls import reports

    exporting = [
        pattern
        for pattern in reports.urlpatterns
        if getattr(pattern.callback, "view_class", None)
        and pattern.callback.view_class.list_export
        and not pattern.callback.view_initkwargs.get("results_only")
    ]
    assert len(exporting) >= 5
    for pattern in exporting:
        served_by = resolve(f"/admin/reports/{pattern.pattern}").func.view_class
        assert issubclass(served_by, SafeSpreadsheetExportMixin), pattern
        assert issubclass(served_by, pattern.callback.view_class), pattern
