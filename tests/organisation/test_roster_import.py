import pytest
from django.contrib.auth import get_user_model

from citylearn.access.enums import Role
from citylearn.access.permissions import Scope, write_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.enums import RosterChangeKind, RosterErrorCode
from citylearn.organisation.imports.applying import apply_roster, preview_roster
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db
EVERYTHING = Scope(everything=True)


@pytest.fixture
def tree():
    return people.district()


def preview(content, scope=EVERYTHING, name="roster.csv"):
    return preview_roster(content=content, filename=name, scope=scope)


def apply(content, scope=EVERYTHING, deactivate=False, name="roster.csv"):
    return apply_roster(
        content=content,
        filename=name,
        scope=scope,
        deactivate_missing=deactivate,
        actor=None,
        actor_label="test",
    )


def errors(plan):
    return [(e.code, e.row, e.column) for e in plan.errors]


def test_preview_lists_creates_updates_moves_and_missing_people(tree):
    people.staff("A1", tree["community"], name="王芳", position="科员")
    people.staff("A2", tree["community"], name="李雷", position="科员")
    people.staff("A3", tree["street"], name="韩梅梅")
    rows = [
        person("A1", "王芳", "S1-C1", "科员"),  # unchanged but for the email
        person("A2", "李雷", "S1", "科员"),  # moved
        person("A4", "赵敏", "S1-C1"),  # new
    ]
    people.staff("A5", tree["bureau"])  # outside the scope used below
    StaffProfile.objects.filter(employee_id="A1").update(email="a1@example.org")
    plan = preview(roster_files.gbk_csv(rows), scope=Scope.of([tree["street"].path]))
    assert plan.errors == []
    kinds = {p.employee_id: p.kind for p in plan.people}
    assert kinds == {
        "A1": RosterChangeKind.UNCHANGED,
        "A2": RosterChangeKind.MOVE,
        "A4": RosterChangeKind.CREATE,
    }
    assert [d.employee_id for d in plan.departures] == ["A3"]
    assert plan.of_kind(RosterChangeKind.MOVE)[0].previous_department_code == "S1-C1"
    # Preview writes nothing.
    assert not StaffProfile.objects.filter(employee_id="A4").exists()


def test_apply_creates_accounts_without_passwords(tree):
    apply(roster_files.bom_csv([person("A1", "王芳", phone="13800138000")]))
    staff = StaffProfile.objects.select_related("user", "department").get()
    assert (staff.employee_id, staff.name, staff.department.code) == (
        "A1",
        "王芳",
        "S1-C1",
    )
    assert staff.phone == "13800138000"
    assert staff.joined_on is not None
    assert staff.user.username == "A1"
    assert staff.user.email == "a1@example.org"
    assert not staff.user.has_usable_password()


def test_apply_moves_and_updates_people_keeping_their_accounts(tree):
    original = people.staff("A1", tree["community"], name="王芳")
    apply(roster_files.utf8_csv([person("A1", "王芳芳", "HR-1", "科长")]))
    staff = StaffProfile.objects.get()
    assert staff.pk == original.pk and staff.user_id == original.user_id
    assert (staff.name, staff.department.code, staff.position) == (
        "王芳芳",
        "HR-1",
        "科长",
    )
    assert staff.user.first_name == "王芳芳"


def test_applying_the_same_file_twice_changes_nothing_the_second_time(tree):
    content = roster_files.xlsx([person("A1"), person("A2", "李雷", "S1")])
    first = apply(content, name="roster.xlsx")
    assert first.counts["create"] == 2
    before = list(StaffProfile.objects.values().order_by("pk"))
    users_before = get_user_model().objects.count()
    second = apply(content, name="roster.xlsx")
    assert second.counts["create"] == 0
    assert second.counts["update"] == second.counts["move"] == 0
    assert second.counts["unchanged"] == 2
    assert list(StaffProfile.objects.values().order_by("pk")) == before
    assert get_user_model().objects.count() == users_before


def test_missing_people_are_deactivated_only_when_confirmed(tree):
    people.staff("OLD", tree["community"])
    content = roster_files.utf8_csv([person("A1")])
    apply(content)
    assert StaffProfile.objects.get(employee_id="OLD").is_active
    apply(content, deactivate=True)
    leaver = StaffProfile.objects.select_related("user").get(employee_id="OLD")
    assert not leaver.is_active and leaver.left_on is not None
    assert not leaver.user.is_active


def test_a_leaver_back_on_the_roster_is_reactivated(tree):
    people.staff("A1", tree["community"], is_active=False)
    plan = preview(roster_files.utf8_csv([person("A1", "张三")]))
    assert plan.people[0].kind == RosterChangeKind.UPDATE
    apply(roster_files.utf8_csv([person("A1", "张三")]))
    assert StaffProfile.objects.get().is_active


def test_deactivation_stays_inside_the_officers_scope(tree):
    people.staff("IN", tree["community"])
    people.staff("OUT", tree["bureau"])
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    apply(
        roster_files.utf8_csv([person("A1")]),
        scope=write_scope(officer),
        deactivate=True,
    )
    assert not StaffProfile.objects.get(employee_id="IN").is_active
    assert StaffProfile.objects.get(employee_id="OUT").is_active


BAD_ROWS = [
    person("A1"),
    person("A1", "重复"),  # row 3: employee id twice
    ["A3", "", "S1", "", "a3@example.org", ""],  # row 4: empty name
    ["A4", "赵敏", "NOPE", "", "a4@example.org", ""],  # row 5: unknown department
    ["A5", "钱七", "S1", "", "not-an-email", ""],  # row 6: malformed email
    ["A6", "孙八", "HR", "", "a6@example.org", ""],  # row 7: outside the scope
    ["A 7", "周九", "S1", "", "a7@example.org", ""],  # row 8: malformed employee id
    ["A8", "吴十", "S1", "", "a8@example.org", "call me"],  # row 9: malformed phone
    ["", "郑一", "S1", "", "a9@example.org", ""],  # row 10: empty employee id
    ["B1", "冯二", "S1", "", "b1@example.org", ""],  # row 11: person outside the scope
    ["A10", "长" * 101, "S1", "", "a10@example.org", ""],  # row 12: too long
]


def test_every_row_error_is_reported_with_row_column_and_reason(tree):
    people.staff("B1", tree["bureau"])
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    plan = preview(roster_files.gbk_csv(BAD_ROWS), scope=write_scope(officer))
    assert errors(plan) == [
        (RosterErrorCode.DUPLICATE_EMPLOYEE_ID, 3, "工号"),
        (RosterErrorCode.EMPTY_VALUE, 4, "姓名"),
        (RosterErrorCode.UNKNOWN_DEPARTMENT, 5, "部门编码"),
        (RosterErrorCode.INVALID_EMAIL, 6, "邮箱"),
        (RosterErrorCode.DEPARTMENT_OUT_OF_SCOPE, 7, "部门编码"),
        (RosterErrorCode.INVALID_EMPLOYEE_ID, 8, "工号"),
        (RosterErrorCode.INVALID_PHONE, 9, "手机"),
        (RosterErrorCode.EMPTY_VALUE, 10, "工号"),
        (RosterErrorCode.PERSON_OUT_OF_SCOPE, 11, "工号"),
        (RosterErrorCode.TOO_LONG, 12, "姓名"),
    ]
    assert all(e.message for e in plan.errors)
    assert "row 3" not in plan.errors[0].message  # the row is its own column


def test_errors_name_the_columns_as_the_file_wrote_them(tree):
    rows = [["A1", "王芳", "NOPE", "", "a1@example.org", ""]]
    plan = preview(roster_files.utf8_csv(rows, roster_files.ENGLISH_HEADER))
    assert errors(plan) == [(RosterErrorCode.UNKNOWN_DEPARTMENT, 2, "department_code")]


def test_an_existing_account_name_is_not_taken_over(tree):
    people.make_user("admin", is_superuser=True)
    plan = preview(roster_files.utf8_csv([person("admin")]))
    assert errors(plan) == [(RosterErrorCode.ACCOUNT_CONFLICT, 2, "工号")]


def test_with_any_error_apply_writes_nothing(tree):
    people.staff("KEEP", tree["community"], name="原名")
    rows = [
        person("KEEP", "新名"),
        person("NEW1"),
        ["NEW2", "", "S1", "", "x@example.org", ""],
    ]
    with pytest.raises(RosterHasErrors) as caught:
        apply(roster_files.utf8_csv(rows), deactivate=True)
    assert [e.row for e in caught.value.errors] == [4]
    assert StaffProfile.objects.get().name == "原名"
    assert not get_user_model().objects.filter(username="NEW1").exists()
    assert not AuditEntry.objects.filter(action=AuditAction.ROSTER_APPLIED).exists()


def test_apply_logs_a_summary_and_one_entry_per_person(tree):
    people.staff("MOVE", tree["community"])
    people.staff("GONE", tree["community"])
    apply(
        roster_files.utf8_csv([person("NEW"), person("MOVE", "张三", "S1")]),
        deactivate=True,
    )
    summary = AuditEntry.objects.get(action=AuditAction.ROSTER_APPLIED)
    assert summary.actor_label == "test"
    assert summary.detail["counts"]["create"] == 1
    assert summary.detail["counts"]["move"] == 1
    assert summary.detail["counts"]["deactivate"] == 1
    per_person = dict(
        AuditEntry.objects.exclude(action=AuditAction.ROSTER_APPLIED).values_list(
            "target_label", "action"
        )
    )
    assert per_person == {
        "NEW 王芳": AuditAction.STAFF_CREATED,
        "MOVE 张三": AuditAction.STAFF_MOVED,
        "GONE 张三": AuditAction.STAFF_DEACTIVATED,
    }
    moved = AuditEntry.objects.get(action=AuditAction.STAFF_MOVED)
    assert moved.detail["from"] == "S1-C1" and moved.detail["department"] == "S1"
    assert moved.target_user_id == StaffProfile.objects.get(employee_id="MOVE").user_id


def test_full_width_ids_and_codes_from_a_chinese_input_method_are_folded(tree):
    rows = [["Ａ１", "王芳", "Ｓ１", "", "ａ１＠example.org", "１３８００１３８０００"]]
    plan = preview(roster_files.utf8_csv(rows))
    assert plan.errors == []
    new = plan.people[0]
    assert (new.employee_id, new.department_code, new.email, new.phone) == (
        "A1",
        "S1",
        "a1@example.org",
        "13800138000",
    )
