import pytest

from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.roster.reading import read_roster
from tests.organisation import roster_files

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
