import io
import time
import zipfile

import pytest
from django.utils import translation

from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.imports import reading
from citylearn.organisation.imports.reading import read_roster
from tests.organisation import roster_files


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


ROWS = [
    roster_files.person("A001", "王芳"),
    roster_files.person("A002", "欧阳修远", position="副主任科员", phone="13800138000"),
]


def written(tmp_path, name, content):
    # Through a real file on disk, as the command and the upload see them.
    path = tmp_path / name
    path.write_bytes(content)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("gbk.csv", roster_files.gbk_csv),
        ("bom.csv", roster_files.bom_csv),
        ("plain.csv", roster_files.utf8_csv),
        ("book.xlsx", roster_files.xlsx),
    ],
)
def test_every_accepted_format_reads_the_same(tmp_path, name, make):
    content = written(tmp_path, name, make(ROWS))
    result = read_roster(content, name)
    assert result.errors == []
    assert result.rows == [
        (
            2,
            {
                "employee_id": "A001",
                "name": "王芳",
                "department_code": "S1-C1",
                "position": "科员",
                "email": "a001@example.org",
                "phone": "",
            },
        ),
        (
            3,
            {
                "employee_id": "A002",
                "name": "欧阳修远",
                "department_code": "S1-C1",
                "position": "副主任科员",
                "email": "a002@example.org",
                "phone": "13800138000",
            },
        ),
    ]


def test_the_gbk_file_really_is_gbk(tmp_path):
    content = written(tmp_path, "gbk.csv", roster_files.gbk_csv(ROWS))
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert content.decode("gbk").startswith("工号")


def test_english_headers_in_any_order_and_case():
    header = ["Email", "NAME", "Employee ID", "Department Code"]
    content = roster_files.utf8_csv([["a@example.org", "王芳", "A001", "S1"]], header)
    result = read_roster(content, "x.csv")
    assert result.errors == []
    assert result.rows[0][1]["employee_id"] == "A001"


def test_numbers_typed_into_excel_come_back_as_text():
    rows = [["10001", "王芳", "S1", "", "a@example.org", "13800138000"]]
    workbook = roster_files.xlsx(rows, numeric_ids=True)
    assert read_roster(workbook, "x.xlsx").rows[0][1]["employee_id"] == "10001"


def test_blank_rows_are_skipped_but_rows_keep_their_numbers():
    text = roster_files.csv_text([roster_files.person("A001")]) + ",,,,,\r\n"
    text += "A002,李雷,S1,,a002@example.org,\r\n"
    result = read_roster(text.encode(), "x.csv")
    assert [number for number, __ in result.rows] == [2, 4]


def codes(result):
    return [(e.code, e.row, e.column) for e in result.errors]


def test_a_missing_required_column_is_named():
    header = ["工号", "姓名", "职务", "邮箱"]
    result = read_roster(
        roster_files.utf8_csv([["A1", "王", "", "a@b.cn"]], header), "x.csv"
    )
    assert codes(result) == [(RosterErrorCode.MISSING_COLUMN, 1, "部门编码")]
    assert result.rows == []


def test_an_unknown_column_is_named():
    header = [*roster_files.CHINESE_HEADER, "身份证号"]
    result = read_roster(roster_files.utf8_csv([], header), "x.csv")
    assert codes(result) == [(RosterErrorCode.UNKNOWN_COLUMN, 1, "身份证号")]


def test_a_column_given_twice_is_named():
    header = [*roster_files.CHINESE_HEADER, "email"]
    result = read_roster(roster_files.utf8_csv([], header), "x.csv")
    assert codes(result) == [(RosterErrorCode.DUPLICATE_COLUMN, 1, "email")]


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"", "empty.csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.xls"),
        (b"PK\x03\x04 not really a zip", "broken.xlsx"),
        (b"just text", "roster.xlsx"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.csv"),
    ],
)
def test_unreadable_files_are_reported_not_raised(content, name):
    result = read_roster(content, name)
    assert [e.code for e in result.errors] == [RosterErrorCode.UNREADABLE_FILE]
    assert result.errors[0].message


def test_a_header_without_people_is_an_error():
    result = read_roster(roster_files.utf8_csv([]), "x.csv")
    assert [e.code for e in result.errors] == [RosterErrorCode.NO_ROWS]


def test_a_workbook_that_unpacks_far_too_large_is_refused_at_once():
    # 25 MB of zeros packs into a few kilobytes, as in a zip bomb.
    bomb = roster_files.forged_xlsx(
        roster_files.xlsx(ROWS), extra={"xl/media/padding.bin": bytes(25 << 20)}
    )
    assert len(bomb) < 100_000
    started = time.monotonic()
    result = read_roster(bomb, "bomb.xlsx")
    assert time.monotonic() - started < 2
    assert codes(result) == [(RosterErrorCode.UNREADABLE_FILE, None, "")]
    assert "unpacks to 25 MB" in result.errors[0].message
    assert result.rows == []


def test_a_sheet_declaring_a_million_rows_is_refused_at_once():
    forged = roster_files.forged_xlsx(
        roster_files.xlsx(ROWS),
        sheet=lambda xml: xml.replace('ref="A1:F3"', 'ref="A1:XFD1048576"'),
    )
    started = time.monotonic()
    result = read_roster(forged, "forged.xlsx")
    assert time.monotonic() - started < 2
    assert [e.code for e in result.errors] == [RosterErrorCode.TOO_MANY_ROWS]


def test_a_far_away_cell_is_read_quickly_and_refused():
    # Without a bound, openpyxl pads each row up to its last cell: here 16,384 wide,
    # and the gap up to row 1,048,576 with empty rows.
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    forged = roster_files.forged_xlsx(
        roster_files.xlsx(ROWS),
        sheet=lambda xml: xml.replace('<dimension ref="A1:F3" />', "").replace(
            "</sheetData>", far + "</sheetData>"
        ),
    )
    started = time.monotonic()
    result = read_roster(forged, "forged.xlsx")
    assert time.monotonic() - started < 10
    assert [e.code for e in result.errors] == [RosterErrorCode.TOO_MANY_ROWS]


@pytest.mark.parametrize("make", [roster_files.utf8_csv, roster_files.xlsx])
def test_more_rows_than_the_limit_are_refused(monkeypatch, make):
    monkeypatch.setattr(reading, "MAX_ROWS", 1)
    result = read_roster(make(ROWS), "x.xlsx" if make is roster_files.xlsx else "x.csv")
    assert [e.code for e in result.errors] == [RosterErrorCode.TOO_MANY_ROWS]
    assert "more than 1 rows" in result.errors[0].message


def test_a_utf8_file_with_one_damaged_byte_is_refused_by_line():
    rows = [
        roster_files.person("A001", "张伟"),
        roster_files.person("A002", "李娜"),
        roster_files.person("A003", "王芳"),
    ]
    # One Latin-1 "é" typed into an address; every other line is UTF-8.
    content = roster_files.utf8_csv(rows).replace(b"a002@", b"a002@\xe9")
    assert "寮犱紵" in content.decode("gb18030")  # what the preview used to show
    result = read_roster(content, "x.csv")
    assert codes(result) == [(RosterErrorCode.DAMAGED_TEXT, 3, "")]
    assert "0xE9" in result.errors[0].message
    assert result.rows == []


def test_a_gb18030_file_with_characters_outside_gbk_still_reads():
    rows = [roster_files.person("A001", "王䶮"), roster_files.person("A002", "𠀾明")]
    content = roster_files.csv_text(rows).encode("gb18030")
    result = read_roster(content, "x.csv")
    assert result.errors == []
    assert [values["name"] for __, values in result.rows] == ["王䶮", "𠀾明"]


@pytest.mark.parametrize("make", [roster_files.utf8_csv, roster_files.xlsx])
def test_a_cell_beyond_the_header_is_reported_with_row_and_column(make):
    rows = [ROWS[0], [*ROWS[1], "", "多余"]]
    result = read_roster(make(rows), "x.xlsx" if make is roster_files.xlsx else "x.csv")
    assert codes(result) == [(RosterErrorCode.CELL_WITHOUT_HEADER, 3, "H")]
    assert "“多余”" in result.errors[0].message
    # The other rows are still read, so that every error can be shown at once.
    assert [number for number, __ in result.rows] == [2, 3]


def test_a_cell_under_a_blank_header_is_reported():
    header = ["工号", "姓名", "", "部门编码", "邮箱"]
    content = roster_files.utf8_csv([["A1", "王芳", "备注", "S1", "a@b.cn"]], header)
    result = read_roster(content, "x.csv")
    assert codes(result) == [(RosterErrorCode.CELL_WITHOUT_HEADER, 2, "C")]


def test_a_formula_never_calculated_is_named_as_such():
    # openpyxl, like some other programs, saves formulas without their values.
    rows = [["A001", '="王"&"芳"', "S1-C1", "", "a001@example.org", ""]]
    result = read_roster(roster_files.xlsx(rows), "x.xlsx")
    assert codes(result) == [(RosterErrorCode.UNCALCULATED_FORMULA, 2, "姓名")]
    assert "formula" in result.errors[0].message
    assert "empty" not in result.errors[0].message


def test_a_formula_saved_with_its_value_reads_as_the_value():
    forged = roster_files.forged_xlsx(
        roster_files.xlsx(ROWS),
        sheet=lambda xml: xml.replace(
            '<c r="B2" t="inlineStr"><is><t>王芳</t></is></c>',
            '<c r="B2" t="str"><f>"王"&amp;"芳"</f><v>王芳</v></c>',
        ),
    )
    assert (
        "<f>" in zipfile.ZipFile(io.BytesIO(forged)).read(roster_files.SHEET).decode()
    )
    result = read_roster(forged, "x.xlsx")
    assert result.errors == []
    assert result.rows[0][1]["name"] == "王芳"


def test_a_sheet_declaring_cells_far_to_the_right_is_refused():
    forged = roster_files.forged_xlsx(
        roster_files.xlsx(ROWS),
        sheet=lambda xml: xml.replace('ref="A1:F3"', 'ref="A1:XFD3"'),
    )
    result = read_roster(forged, "forged.xlsx")
    assert [e.code for e in result.errors] == [RosterErrorCode.UNREADABLE_FILE]
    assert "beyond column CV" in result.errors[0].message
