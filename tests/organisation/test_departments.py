import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from citylearn.access.permissions import Scope
from citylearn.assignments.services import assign_to_department
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation import services
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import departments_with_headcount
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


def test_codes_are_unique():
    people.department("X")
    with pytest.raises(IntegrityError):
        people.department("X")


def test_create_department_logs_it():
    root = services.create_department(code="D", name="区")
    child = services.create_department(code="D1", name="区委办", parent=root)
    assert child.get_parent() == root
    assert AuditEntry.objects.filter(action=AuditAction.DEPARTMENT_CREATED).count() == 2


def test_create_department_refuses_a_duplicate_code():
    services.create_department(code="D", name="区")
    with pytest.raises(ValidationError):
        services.create_department(code="D", name="again")


def test_rename_and_move_keep_people_attached():
    tree = people.district()
    person = people.staff("E1", tree["community"])
    services.update_department(
        department=tree["street"], name="东城街道", parent=tree["other_street"]
    )
    person.refresh_from_db()
    street = Department.objects.get(code="S1")
    assert street.name == "东城街道"
    assert street.get_parent().code == "S2"
    assert person.department.code == "S1-C1"
    assert person.department.path.startswith(street.path)
    entry = AuditEntry.objects.get(action=AuditAction.DEPARTMENT_CHANGED)
    assert entry.detail["before"]["parent"] == "D"
    assert entry.detail["after"]["parent"] == "S2"


def test_a_department_cannot_move_under_its_own_section():
    tree = people.district()
    with pytest.raises(ValidationError) as caught:
        services.update_department(
            department=tree["bureau"], name="区人社局", parent=tree["section"]
        )
    assert caught.value.code == services.MOVE_INTO_OWN_SUBTREE


def test_a_department_with_people_cannot_be_deleted():
    tree = people.district()
    people.staff("E1", tree["community"])
    with pytest.raises(ValidationError) as caught:
        services.delete_department(department=tree["street"])
    assert caught.value.code == services.DEPARTMENT_HAS_PEOPLE
    assert Department.objects.filter(code__in=["S1", "S1-C1"]).count() == 2
    assert StaffProfile.objects.count() == 1


def test_a_department_with_assignment_history_cannot_be_deleted():
    tree = people.district()
    assign_to_department(
        course=make_course(lessons=1),
        department=tree["community"],
        due_on=timezone.localdate(),
        by=None,
    )
    with pytest.raises(ValidationError) as caught:
        services.delete_department(department=tree["street"])
    assert caught.value.code == services.DEPARTMENT_HAS_PEOPLE
    assert "学习任务" in caught.value.messages[0]


def test_an_empty_department_can_be_deleted_with_its_sections():
    tree = people.district()
    services.delete_department(department=tree["street"])
    assert not Department.objects.filter(code__in=["S1", "S1-C1"]).exists()


def test_headcount_rolls_up_the_tree_in_two_queries(django_assert_num_queries):
    tree = people.district()
    people.staff("E1", tree["section"])
    people.staff("E2", tree["bureau"])
    people.staff("E3", tree["community"])
    people.staff("E4", tree["community"], is_active=False)
    with django_assert_num_queries(2):
        counts = {
            d.code: (d.headcount, d.own_headcount)
            for d in departments_with_headcount(Scope(everything=True))
        }
    assert counts["D"] == (3, 0)
    assert counts["HR"] == (2, 1)
    assert counts["HR-1"] == (1, 1)
    assert counts["S1"] == (1, 0)
    assert counts["S2"] == (0, 0)


def test_headcount_stays_inside_the_scope():
    tree = people.district()
    scope = Scope.of([tree["street"].path])
    assert [d.code for d in departments_with_headcount(scope)] == ["S1", "S1-C1"]
