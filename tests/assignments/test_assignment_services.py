import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments import services
from citylearn.assignments.enums import AssignmentChangeKind
from citylearn.assignments.models import AssignedPerson, Assignment, AssignmentChange
from citylearn.assignments.selectors import assignments_of
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DUE = TODAY + datetime.timedelta(days=60)
ASSIGN_QUERIES = 12


@pytest.fixture
def tree():
    return people.district()


@pytest.fixture
def officer(tree):
    account = people.make_user("officer")
    people.grant(account, Role.HR_OFFICER, tree["street"])
    return account


def assign(course, department, by, **fields):
    return services.assign_to_department(
        course=course, department=department, due_on=DUE, by=by, **fields
    )


def covered(assignment) -> set[str]:
    return set(
        assignment.assigned_people.filter(released_on__isnull=True).values_list(
            "user__username", flat=True
        )
    )


def test_a_department_assignment_covers_its_active_subtree_only(tree, officer):
    people.staff("A1", tree["street"])
    people.staff("A2", tree["community"])
    people.staff("A3", tree["community"], is_active=False)
    people.staff("B1", tree["other_street"])
    course = make_course(lessons=1)

    assignment = assign(course, tree["street"], officer)

    assert covered(assignment) == {"A1", "A2"}
    assert set(assignment.assigned_people.values_list("due_on", flat=True)) == {DUE}
    change = AssignmentChange.objects.get(assignment=assignment)
    assert (change.kind, change.changed_by, change.new_due_on) == (
        AssignmentChangeKind.CREATED,
        officer,
        DUE,
    )
    entry = AuditEntry.objects.get(action=AuditAction.ASSIGNMENT_CREATED)
    assert entry.actor == officer
    assert entry.detail["people"] == 2


@pytest.mark.parametrize("headcount", [20, 2000])
def test_assigning_a_large_subtree_costs_a_fixed_number_of_queries(tree, headcount):
    course = make_course(lessons=1)
    admin = people.make_user("root", is_superuser=True)
    people.staff("X0", tree["community"])
    users = _bulk_users(headcount)
    StaffProfile.objects.bulk_create(
        StaffProfile(
            user=user,
            employee_id=user.username,
            name="某人",
            department=tree["community"],
            email="p@example.org",
        )
        for user in users
    )

    with CaptureQueriesContext(connection) as queries:
        assignment = assign(course, tree["street"], admin)

    assert assignment.assigned_people.count() == headcount + 1
    # The same count at both sizes: the people are inserted by one INSERT … SELECT.
    assert len(queries) == ASSIGN_QUERIES, [q["sql"][:80] for q in queries]


def _bulk_users(count: int):
    User = get_user_model()
    User.objects.bulk_create(User(username=f"bulk{i}") for i in range(count))
    return list(User.objects.filter(username__startswith="bulk"))


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"due_on": TODAY - datetime.timedelta(days=1)}, services.DUE_IN_THE_PAST),
        ({"department": "other_street"}, services.OUTSIDE_SCOPE),
        ({"course": "draft"}, services.COURSE_NOT_LIVE),
    ],
)
def test_bad_assignments_are_refused_with_a_reason(tree, officer, change, code):
    course = make_course(lessons=1)
    if change.get("course") == "draft":
        course.unpublish()
    with pytest.raises(ValidationError) as error:
        services.assign_to_department(
            course=course,
            department=tree[change.get("department", "street")],
            due_on=change.get("due_on", DUE),
            by=officer,
        )
    assert error.value.code == code
    assert not AssignmentChange.objects.exists()


def test_the_same_course_cannot_be_assigned_twice_to_overlapping_subtrees(
    tree, officer
):
    course = make_course(lessons=1)
    assign(course, tree["street"], officer)

    for department in ("street", "community"):
        with pytest.raises(ValidationError) as error:
            assign(course, tree[department], officer)
        assert error.value.code == services.ALREADY_ASSIGNED
        assert "东街道" in error.value.messages[0]

    # Another course, or the same one to another subtree, is fine.
    assign(make_course(lessons=1), tree["street"], officer)
    admin = people.make_user("root", is_superuser=True)
    assign(course, tree["other_street"], admin)


def test_a_withdrawn_assignment_no_longer_blocks_a_new_one(tree, officer):
    course = make_course(lessons=1)
    first = assign(course, tree["street"], officer)
    services.withdraw_assignment(assignment=first, by=officer, reason="重新安排")

    assign(course, tree["street"], officer)


def test_named_people_must_be_in_the_officers_scope(tree, officer):
    inside = people.staff("A1", tree["community"]).user
    outside = people.staff("B1", tree["other_street"]).user
    course = make_course(lessons=1)

    with pytest.raises(ValidationError) as error:
        services.assign_to_people(
            course=course, people=[inside, outside], due_on=DUE, by=officer
        )
    assert error.value.code == services.OUTSIDE_SCOPE

    assignment = services.assign_to_people(
        course=course, people=[inside], due_on=DUE, by=officer
    )
    assert covered(assignment) == {"A1"}
    assert assignment.department is None

    with pytest.raises(ValidationError) as error:
        services.assign_to_people(
            course=course, people=[inside], due_on=DUE, by=officer
        )
    assert error.value.code == services.ALREADY_ASSIGNED


def test_extending_for_everyone_keeps_later_personal_extensions(tree, officer):
    a1 = people.staff("A1", tree["street"]).user
    a2 = people.staff("A2", tree["street"]).user
    a3 = people.staff("A3", tree["street"]).user
    assignment = assign(make_course(lessons=1), tree["street"], officer)
    services.extend_for_person(
        assignment=assignment,
        user=a2,
        new_due_on=DUE + datetime.timedelta(days=10),
        by=officer,
        reason="病假",
    )
    services.extend_for_person(
        assignment=assignment,
        user=a3,
        new_due_on=DUE + datetime.timedelta(days=90),
        by=officer,
        reason="外派",
    )

    moved = services.extend_assignment(
        assignment=assignment,
        new_due_on=DUE + datetime.timedelta(days=30),
        by=officer,
        reason="系统故障",
    )

    due = dict(assignment.assigned_people.values_list("user", "due_on"))
    assert due == {
        a1.pk: DUE + datetime.timedelta(days=30),
        a2.pk: DUE + datetime.timedelta(days=30),
        a3.pk: DUE + datetime.timedelta(days=90),
    }
    assert moved == 2
    assignment.refresh_from_db()
    assert assignment.due_on == DUE + datetime.timedelta(days=30)
    history = list(
        assignment.changes.values_list("kind", "person", "reason", "old_due_on")
    )
    assert history == [
        (AssignmentChangeKind.CREATED, None, "", None),
        (AssignmentChangeKind.PERSON_EXTENDED, a2.pk, "病假", DUE),
        (AssignmentChangeKind.PERSON_EXTENDED, a3.pk, "外派", DUE),
        (AssignmentChangeKind.EXTENDED, None, "系统故障", DUE),
    ]
    assert (
        AuditEntry.objects.filter(action=AuditAction.ASSIGNMENT_EXTENDED).count() == 3
    )


def test_an_extension_must_be_later_and_in_scope(tree, officer):
    people.staff("A1", tree["street"])
    assignment = assign(make_course(lessons=1), tree["street"], officer)
    other = people.make_user("other")
    people.grant(other, Role.HR_OFFICER, tree["other_street"])
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["street"])

    with pytest.raises(ValidationError) as error:
        services.extend_assignment(assignment=assignment, new_due_on=DUE, by=officer)
    assert error.value.code == services.NOT_LATER
    for stranger in (other, head):
        with pytest.raises(ValidationError) as error:
            services.extend_assignment(
                assignment=assignment,
                new_due_on=DUE + datetime.timedelta(days=1),
                by=stranger,
            )
        assert error.value.code == services.OUTSIDE_SCOPE
    assignment.refresh_from_db()
    assert assignment.due_on == DUE


def test_a_withdrawn_assignment_leaves_the_learners_list_but_keeps_history(
    tree, officer
):
    learner = people.staff("A1", tree["street"]).user
    assignment = assign(make_course(lessons=1), tree["street"], officer)
    assert assignments_of(user=learner, today=TODAY).count() == 1

    services.withdraw_assignment(assignment=assignment, by=officer, reason="课程调整")

    assert assignments_of(user=learner, today=TODAY).count() == 0
    assert AssignedPerson.objects.filter(assignment=assignment).count() == 1
    assert assignment.changes.last().kind == AssignmentChangeKind.WITHDRAWN
    with pytest.raises(ValidationError) as error:
        services.withdraw_assignment(assignment=assignment, by=officer)
    assert error.value.code == services.WITHDRAWN
    assert (
        AuditEntry.objects.filter(action=AuditAction.ASSIGNMENT_WITHDRAWN).count() == 1
    )


def test_a_person_cannot_be_extended_once_the_assignment_is_withdrawn(tree, officer):
    person = people.staff("A1", tree["street"]).user
    assignment = assign(make_course(lessons=1), tree["street"], officer)
    # The page loaded the assignment before another officer withdrew it.
    services.withdraw_assignment(
        assignment=Assignment.objects.get(pk=assignment.pk), by=officer
    )

    with pytest.raises(ValidationError) as refused:
        services.extend_for_person(
            assignment=assignment,
            user=person,
            new_due_on=DUE + datetime.timedelta(days=7),
            by=officer,
        )

    assert refused.value.code == services.WITHDRAWN
    assert AssignedPerson.objects.get(user=person).due_on == DUE


def test_the_database_refuses_a_second_active_assignment_of_a_department(tree):
    course = make_course(lessons=1)
    Assignment.objects.create(course=course, department=tree["street"], due_on=DUE)

    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(course=course, department=tree["street"], due_on=DUE)
