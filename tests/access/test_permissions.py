import pytest
from django.contrib.auth.models import AnonymousUser

from citylearn.access import permissions
from citylearn.access.enums import Role
from citylearn.organisation.selectors import people_visible_to
from tests.builders import people

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    tree = people.district()
    people.staff("B1", tree["bureau"])
    people.staff("B2", tree["section"])
    people.staff("C1", tree["community"])
    people.staff("W1", tree["other_street"])
    return tree


def visible(user):
    return sorted(people_visible_to(user).values_list("employee_id", flat=True))


def test_a_learner_sees_nobody_and_changes_nothing(tree):
    learner = people.staff("L1", tree["community"]).user
    assert permissions.is_learner(learner)
    assert not permissions.read_scope(learner)
    assert not permissions.write_scope(learner)
    assert visible(learner) == []


def test_a_department_head_reads_their_subtree_only(tree):
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["bureau"])
    assert visible(head) == ["B1", "B2"]
    assert not permissions.write_scope(head)


def test_an_officer_reads_and_changes_every_subtree_given(tree):
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["bureau"])
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    assert visible(officer) == ["B1", "B2", "C1"]
    scope = permissions.write_scope(officer)
    assert scope.contains(tree["community"])
    assert not scope.contains(tree["other_street"])
    assert not scope.contains(tree["root"])


def test_nested_subtrees_collapse_into_the_outer_one(tree):
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["bureau"])
    people.grant(officer, Role.HR_OFFICER, tree["section"])
    assert permissions.write_scope(officer).paths == (tree["bureau"].path,)


def test_a_sibling_path_with_the_same_prefix_is_not_inside(tree):
    # Paths are fixed-width steps, so "0001" never prefixes "00010..." of a sibling.
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    assert not permissions.write_scope(officer).contains(tree["other_street"])


def test_an_administrator_sees_everyone(tree):
    admin = people.make_user("root", is_superuser=True, is_staff=True)
    assert visible(admin) == ["B1", "B2", "C1", "W1"]
    assert permissions.write_scope(admin).everything


def test_an_editor_is_in_the_editors_group_and_sees_no_people(tree):
    editor = people.editor()
    assert permissions.is_editor(editor)
    assert visible(editor) == []


def test_anonymous_visitors_have_no_role():
    anonymous = AnonymousUser()
    assert not permissions.is_editor(anonymous)
    assert not permissions.is_learner(anonymous)
    assert not permissions.read_scope(anonymous)


def test_a_deactivated_officer_loses_their_scope(tree):
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["bureau"])
    officer.is_active = False
    officer.save()
    officer.refresh_from_db()
    assert not permissions.write_scope(officer)


def test_roles_are_read_once_per_user_object(tree, django_assert_num_queries):
    officer = people.make_user("hr")
    people.grant(officer, Role.HR_OFFICER, tree["bureau"])
    with django_assert_num_queries(1):
        permissions.write_scope(officer)
        permissions.read_scope(officer)
        permissions.is_hr_officer(officer)


def test_granting_and_revoking_roles_is_logged(tree):
    from citylearn.audit.enums import AuditAction
    from citylearn.audit.models import AuditEntry
    from citylearn.organisation import services

    officer = people.make_user("hr")
    admin = people.make_user("root", is_superuser=True)
    assignment = services.grant_role(
        user=officer, role=Role.HR_OFFICER, department=tree["bureau"], actor=admin
    )
    services.grant_role(
        user=officer, role=Role.HR_OFFICER, department=tree["bureau"], actor=admin
    )
    services.revoke_role(assignment=assignment, actor=admin)
    actions = list(
        AuditEntry.objects.filter(target_user=officer)
        .order_by("pk")
        .values_list("action", "actor_label")
    )
    assert actions == [
        (AuditAction.ROLE_GRANTED, "root"),
        (AuditAction.ROLE_REVOKED, "root"),
    ]
