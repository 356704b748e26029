"""A roster never changes the sign-in of an account holding more than the importer."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from citylearn.access.enums import Role
from citylearn.access.permissions import Scope, write_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.imports.applying import apply_roster, preview_roster
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


@pytest.fixture
def officer(tree):
    account = people.make_user("hr")
    people.grant(account, Role.HR_OFFICER, tree["street"])
    return account


def with_email(employee_id, email, department="S1-C1"):
    return [employee_id, "张三", department, "", email, ""]


def preview(rows, officer):
    return preview_roster(
        content=roster_files.utf8_csv(rows),
        filename="r.csv",
        scope=write_scope(officer),
        actor=officer,
    )


def apply(rows, actor, scope=None, deactivate=False):
    return apply_roster(
        content=roster_files.utf8_csv(rows),
        filename="r.csv",
        scope=scope or write_scope(actor),
        deactivate_missing=deactivate,
        actor=actor,
    )


def errors(plan):
    return [(e.code, e.row, e.column) for e in plan.errors]


def test_an_officer_cannot_change_an_editors_email(tree, officer):
    profile = people.staff("ED1", tree["community"])
    profile.user.groups.add(Group.objects.get(name="Editors"))
    rows = [with_email("ED1", "attacker@example.org")]
    plan = preview(rows, officer)
    assert errors(plan) == [(RosterErrorCode.ACCOUNT_PROTECTED, 2, "邮箱")]
    assert "ED1" in plan.errors[0].message
    with pytest.raises(RosterHasErrors):
        apply(rows, officer)
    profile.user.refresh_from_db()
    assert profile.user.email == "ED1@example.org"


def test_an_officer_cannot_change_an_administrators_email(tree, officer):
    profile = people.staff("ROOT", tree["community"])
    profile.user.is_superuser = True
    profile.user.save()
    plan = preview([with_email("ROOT", "attacker@example.org")], officer)
    assert errors(plan) == [(RosterErrorCode.ACCOUNT_PROTECTED, 2, "邮箱")]


def test_not_even_an_administrator_changes_a_superusers_email_by_roster(tree):
    admin = people.make_user("admin", is_superuser=True)
    other = people.staff("ROOT", tree["community"])
    other.user.is_superuser = True
    other.user.save()
    with pytest.raises(RosterHasErrors) as caught:
        apply([with_email("ROOT", "new@example.org")], admin, Scope(everything=True))
    assert caught.value.errors[0].code == RosterErrorCode.ACCOUNT_PROTECTED


@pytest.mark.parametrize(
    "make_above",
    [
        lambda user, tree: user.user_permissions.add(
            Permission.objects.get(codename="access_admin")
        ),
        lambda user, tree: setattr(user, "is_staff", True) or user.save(),
        lambda user, tree: people.grant(user, Role.HR_OFFICER, tree["bureau"]),
        lambda user, tree: people.grant(
            user, Role.DEPARTMENT_HEAD, tree["other_street"]
        ),
    ],
    ids=["wagtail-admin-access", "staff-flag", "hr-elsewhere", "head-elsewhere"],
)
def test_other_rights_the_officer_lacks_protect_the_account(tree, officer, make_above):
    profile = people.staff("P1", tree["community"])
    make_above(profile.user, tree)
    plan = preview([with_email("P1", "attacker@example.org")], officer)
    assert errors(plan) == [(RosterErrorCode.ACCOUNT_PROTECTED, 2, "邮箱")]


def test_a_protected_account_may_still_be_renamed_and_moved(tree, officer):
    profile = people.staff("ED1", tree["community"])
    profile.user.groups.add(Group.objects.get(name="Editors"))
    apply([["ED1", "新名字", "S1", "科长", "ed1@example.org", ""]], officer)
    profile.refresh_from_db()
    assert (profile.name, profile.department.code) == ("新名字", "S1")


def test_a_protected_leaver_is_not_reactivated(tree, officer):
    profile = people.staff("ED1", tree["community"], is_active=False)
    profile.user.groups.add(Group.objects.get(name="Editors"))
    plan = preview([with_email("ED1", "ed1@example.org")], officer)
    assert errors(plan) == [(RosterErrorCode.ACCOUNT_PROTECTED, 2, "工号")]


def test_a_protected_person_missing_from_the_file_stays_active(tree, officer):
    editor = people.staff("ED1", tree["community"])
    editor.user.groups.add(Group.objects.get(name="Editors"))
    people.staff("GONE", tree["community"])
    plan = preview([person("A1")], officer)
    assert [d.employee_id for d in plan.departures] == ["GONE"]
    assert [d.employee_id for d in plan.kept] == ["ED1"]
    apply([person("A1")], officer, deactivate=True)
    editor.refresh_from_db()
    editor.user.refresh_from_db()
    assert editor.is_active and editor.user.is_active
    assert not StaffProfile.objects.get(employee_id="GONE").is_active


def test_a_learners_email_change_is_logged_and_told_to_the_old_address(
    tree, officer, django_capture_on_commit_callbacks
):
    learner = people.staff("L1", tree["community"], name="王芳")
    with django_capture_on_commit_callbacks(execute=True):
        apply([with_email("L1", "new.address@example.org")], officer)
    learner.user.refresh_from_db()
    assert learner.user.email == "new.address@example.org"
    entry = AuditEntry.objects.get(action=AuditAction.STAFF_UPDATED)
    assert entry.target_user_id == learner.user_id
    assert entry.detail["sign_in_email"] == {
        "from": "L1@example.org",
        "to": "new.address@example.org",
    }
    [notice] = mail.outbox
    assert notice.to == ["L1@example.org"]
    assert "new.address@example.org" in notice.body
    # Told in the site's language: the person's own is not known.
    assert notice.subject == "你的城市数据学堂账号邮箱已更改"


def test_no_notice_when_the_email_stays(
    tree, officer, django_capture_on_commit_callbacks
):
    people.staff("L1", tree["community"])
    with django_capture_on_commit_callbacks(execute=True):
        apply([["L1", "改名", "S1-C1", "", "l1@example.org", ""]], officer)
    assert mail.outbox == []
