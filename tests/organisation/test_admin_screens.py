"""Administrators edit the department tree and grant roles in Wagtail's admin."""

import pytest

from citylearn.access.enums import Role
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import Department, RoleAssignment
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return people.district()


@pytest.fixture
def admin_client(client):
    client.force_login(people.make_user("root", is_superuser=True, is_staff=True))
    return client


def test_an_administrator_adds_a_department_under_another(admin_client, tree):
    response = admin_client.post(
        "/admin/departments/new/",
        {"code": "S1-C2", "name": "东二社区", "parent": tree["street"].pk},
    )
    assert response.status_code == 302
    created = Department.objects.get(code="S1-C2")
    assert created.get_parent().code == "S1"
    assert AuditEntry.objects.filter(
        action=AuditAction.DEPARTMENT_CREATED, actor_label="root"
    ).exists()


def test_a_duplicate_code_is_refused_with_a_message(admin_client, tree):
    response = admin_client.post(
        "/admin/departments/new/", {"code": "S1", "name": "again", "parent": ""}
    )
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["code"][0].code == "unique"


def test_an_administrator_renames_and_moves_a_department(admin_client, tree):
    person = people.staff("E1", tree["community"])
    response = admin_client.post(
        f"/admin/departments/edit/{tree['community'].pk}/",
        {"code": "CHANGED", "name": "东一社区(新)", "parent": tree["other_street"].pk},
    )
    assert response.status_code == 302
    community = Department.objects.get(pk=tree["community"].pk)
    assert community.code == "S1-C1"  # codes never change
    assert community.name == "东一社区(新)"
    assert community.get_parent().code == "S2"
    person.refresh_from_db()
    assert person.department_id == community.pk


def test_a_department_cannot_be_moved_into_its_own_subtree(admin_client, tree):
    response = admin_client.post(
        f"/admin/departments/edit/{tree['street'].pk}/",
        {"name": "东街道", "parent": tree["community"].pk},
    )
    assert response.status_code == 200
    assert Department.objects.get(code="S1").get_parent().code == "D"


def test_a_department_with_people_is_not_deleted(admin_client, tree):
    people.staff("E1", tree["community"])
    response = admin_client.post(
        f"/admin/departments/delete/{tree['street'].pk}/", follow=True
    )
    # The admin speaks the default language, Chinese; the message names the department.
    shown = [(m.level_tag, str(m)) for m in response.context["messages"]]
    assert any(level == "error" and "东街道" in text for level, text in shown), shown
    assert Department.objects.filter(code="S1").exists()


def test_an_empty_department_is_deleted(admin_client, tree):
    admin_client.post(f"/admin/departments/delete/{tree['other_street'].pk}/")
    assert not Department.objects.filter(code="S2").exists()


def test_an_administrator_grants_and_revokes_a_role(admin_client, tree):
    officer = people.staff("HR9", tree["bureau"]).user
    response = admin_client.post(
        "/admin/roles/new/",
        {"person": "HR9", "role": Role.HR_OFFICER, "department": tree["street"].pk},
    )
    assert response.status_code == 302
    assignment = RoleAssignment.objects.get(user=officer)
    assert assignment.department.code == "S1"
    admin_client.post(f"/admin/roles/delete/{assignment.pk}/")
    assert not RoleAssignment.objects.exists()
    actions = list(
        AuditEntry.objects.filter(target_user=officer)
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [AuditAction.ROLE_GRANTED, AuditAction.ROLE_REVOKED]


def test_changing_a_role_is_logged_as_revoke_then_grant(admin_client, tree):
    officer = people.staff("HR9", tree["bureau"]).user
    assignment = people.grant(officer, Role.HR_OFFICER, tree["street"])
    response = admin_client.post(
        f"/admin/roles/edit/{assignment.pk}/",
        {"person": "HR9", "role": Role.HR_OFFICER, "department": tree["bureau"].pk},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.get().department.code == "HR"
    entries = AuditEntry.objects.filter(target_user=officer).order_by("pk")
    assert [(e.action, e.detail["department"]) for e in entries] == [
        (AuditAction.ROLE_REVOKED, "S1"),
        (AuditAction.ROLE_GRANTED, "HR"),
    ]


def test_an_unknown_person_gets_a_clear_error(admin_client, tree):
    response = admin_client.post(
        "/admin/roles/new/",
        {"person": "nobody", "role": Role.HR_OFFICER, "department": tree["street"].pk},
    )
    assert response.context["form"].errors.as_data()["person"][0].code == "no_account"


def test_editors_cannot_change_the_tree_or_roles(client, tree):
    client.force_login(people.editor())
    for url in ["/admin/departments/", "/admin/roles/", "/admin/departments/new/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"
