from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.models import Department
from citylearn.organisation.tree_import import import_departments
from tests.builders import people

pytestmark = pytest.mark.django_db
HEADER = "部门编码,部门名称,上级部门编码\r\n"


def tree_file(*lines: str, encoding="gbk") -> bytes:
    return (HEADER + "".join(f"{line}\r\n" for line in lines)).encode(encoding)


def run(content: bytes, apply=True):
    return import_departments(
        content=content, filename="tree.csv", apply=apply, actor_label="test"
    )


def shape():
    return {
        d.code: (d.name, d.get_parent().code if d.depth > 1 else None)
        for d in Department.objects.all()
    }


def test_a_tree_is_built_whatever_the_row_order():
    result = run(tree_file("S1-C1,东一社区,S1", "S1,东街道,D", "D,示范区,"))
    assert result.errors == []
    assert result.counts == {"create": 3, "change": 0, "unchanged": 0}
    assert shape() == {
        "D": ("示范区", None),
        "S1": ("东街道", "D"),
        "S1-C1": ("东一社区", "S1"),
    }


def test_importing_again_changes_nothing_and_renames_and_moves_are_applied():
    tree = people.district()
    person = people.staff("E1", tree["community"])
    result = run(tree_file("S1-C1,东一社区(新),S2", "S2,西街道,D"))
    assert result.counts == {"create": 0, "change": 1, "unchanged": 1}
    assert shape()["S1-C1"] == ("东一社区(新)", "S2")
    person.refresh_from_db()
    assert person.department.code == "S1-C1"
    assert AuditEntry.objects.filter(action=AuditAction.DEPARTMENT_CHANGED).count() == 1
    again = run(tree_file("S1-C1,东一社区(新),S2", "S2,西街道,D"))
    assert again.counts == {"create": 0, "change": 0, "unchanged": 2}


def test_a_preview_writes_nothing():
    result = run(tree_file("D,示范区,"), apply=False)
    assert result.counts["create"] == 1
    assert not Department.objects.exists()
    assert not AuditEntry.objects.exists()


def test_errors_roll_everything_back():
    result = run(
        tree_file(
            "D,示范区,",
            "D,again,",  # row 3: code twice
            "X,,D",  # row 4: empty name
            "Y,无主部门,NOPE",  # row 5: unknown parent
        )
    )
    assert [(e.code, e.row, e.column) for e in result.errors] == [
        (RosterErrorCode.DUPLICATE_CODE, 3, "部门编码"),
        (RosterErrorCode.EMPTY_VALUE, 4, "部门名称"),
        (RosterErrorCode.UNKNOWN_DEPARTMENT, 5, "上级部门编码"),
    ]
    assert not Department.objects.exists()


def test_a_loop_of_parents_is_refused():
    people.district()
    result = run(tree_file("S1,东街道,S1-C1"))
    assert [e.code for e in result.errors] == [RosterErrorCode.INVALID_MOVE]
    assert shape()["S1"] == ("东街道", "D")


def test_the_command_previews_then_applies(tmp_path):
    path = tmp_path / "tree.csv"
    path.write_bytes(tree_file("D,示范区,", encoding="utf-8-sig"))
    out = StringIO()
    call_command("import_departments", str(path), stdout=out)
    assert "Preview only" in out.getvalue()
    assert not Department.objects.exists()
    call_command("import_departments", str(path), "--apply", stdout=out)
    assert Department.objects.get().name == "示范区"


def test_the_command_reports_errors(tmp_path):
    path = tmp_path / "tree.csv"
    path.write_bytes(tree_file("Y,无主部门,NOPE"))
    with pytest.raises(CommandError, match="1 errors"):
        call_command("import_departments", str(path), "--apply", stderr=StringIO())


def test_the_tree_file_is_read_as_strictly_as_the_roster():
    surplus = run(tree_file("D,示范区,,多余"))
    assert [(e.code, e.row, e.column) for e in surplus.errors] == [
        (RosterErrorCode.CELL_WITHOUT_HEADER, 2, "D")
    ]
    damaged = run(
        (HEADER + "D,示范区,\r\n").encode()
        + "S1,东街道,D\r\n".encode().replace("街".encode(), b"\xe9")
    )
    assert [(e.code, e.row) for e in damaged.errors] == [
        (RosterErrorCode.DAMAGED_TEXT, 3)
    ]
    assert not Department.objects.exists()
