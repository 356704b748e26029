"""Joiners, movers and leavers: the roster and the tree keep assignments in step."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.access.permissions import Scope
from citylearn.assignments import coverage, services
from citylearn.assignments.enums import AssignmentChangeKind
from citylearn.assignments.models import AssignedPerson
from citylearn.organisation.imports.applying import apply_roster
from citylearn.organisation.models import StaffProfile
from citylearn.organisation.services import update_department
from citylearn.progress.models import CourseCompletion
from tests.builders import people
from tests.builders.learning import make_course
from tests.organisation import roster_files
from tests.organisation.roster_files import person

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DUE = TODAY + datetime.timedelta(days=10)


@pytest.fixture
def tree():
    return people.district()


@pytest.fixture
def course():
    return make_course(lessons=1)


def roster(*rows, deactivate=False):
    apply_roster(
        content=roster_files.utf8_csv(list(rows)),
        filename="roster.csv",
        scope=Scope(everything=True),
        deactivate_missing=deactivate,
        actor=None,
        actor_label="test",
    )


def assign(course, department, **fields):
    return services.assign_to_department(
        course=course, department=department, due_on=DUE, by=None, **fields
    )


def row(assignment, employee_id) -> AssignedPerson:
    return AssignedPerson.objects.get(
        assignment=assignment, user__staff_profile__employee_id=employee_id
    )


def test_a_joiner_is_covered_from_joining_with_their_own_due_date(tree, course):
    assignment = assign(course, tree["street"], days_after_joining=40)

    roster(person("N1", department="S1-C1"), person("N2", department="S2"))

    joined = row(assignment, "N1")
    assert joined.released_on is None
    assert joined.due_on == TODAY + datetime.timedelta(days=40)
    assert not AssignedPerson.objects.filter(
        user__staff_profile__employee_id="N2"
    ).exists()
    change = assignment.changes.get(kind=AssignmentChangeKind.PERSON_ADDED)
    assert change.person == joined.user


def test_a_joiner_is_never_due_before_everyone_else(tree, course):
    assignment = assign(course, tree["street"], days_after_joining=1)

    roster(person("N1", department="S1"))

    assert row(assignment, "N1").due_on == DUE


def test_a_joining_date_after_the_assignment_counts_from_that_day(tree, course):
    assignment = assign(course, tree["street"], days_after_joining=30)
    account = people.make_user("late")
    profile = StaffProfile.objects.create(
        user=account,
        employee_id="LATE",
        name="晚到",
        department=tree["street"],
        email="late@example.org",
        joined_on=TODAY - datetime.timedelta(days=5),
    )
    assignment.created_at -= datetime.timedelta(days=20)
    assignment.save()

    coverage.cover_placed_staff(user_ids=[account.pk])

    assert row(assignment, profile.employee_id).due_on == TODAY + datetime.timedelta(
        days=25
    )


def test_a_mover_is_covered_and_released_and_gets_the_same_row_back(tree, course):
    people.staff("M1", tree["other_street"])
    street = assign(course, tree["street"])
    other = assign(course, tree["other_street"])
    assert row(other, "M1").released_on is None

    roster(person("M1", department="S1-C1"))

    assert row(other, "M1").released_on == TODAY
    assert row(street, "M1").released_on is None

    roster(person("M1", department="S2"))

    assert row(other, "M1").released_on is None
    assert row(street, "M1").released_on == TODAY
    assert AssignedPerson.objects.count() == 2
    kinds = list(other.changes.values_list("kind", flat=True))
    assert kinds == [
        AssignmentChangeKind.CREATED,
        AssignmentChangeKind.PERSON_RELEASED,
        AssignmentChangeKind.PERSON_ADDED,
    ]


def test_a_completed_course_stays_counted_after_the_person_leaves(tree, course):
    profile = people.staff("C1", tree["street"])
    assignment = assign(course, tree["street"])
    CourseCompletion.objects.create(
        user=profile.user,
        course=course,
        completed_at=timezone.now(),
        completed_on=TODAY,
        year=TODAY.year,
        credit_hours=course.credit_hours,
    )

    roster(person("C1", department="S2"))

    assert row(assignment, "C1").released_on is None


def test_leavers_are_released_from_every_assignment(tree, course):
    people.staff("L1", tree["street"])
    keep = people.staff("K1", tree["street"])
    by_department = assign(course, tree["street"])
    named = services.assign_to_people(
        course=make_course(lessons=1),
        people=[keep.user, StaffProfile.objects.get(employee_id="L1").user],
        due_on=DUE,
        by=None,
    )

    roster(person("K1", department="S2"), deactivate=True)

    assert row(by_department, "L1").released_on == TODAY
    assert row(named, "L1").released_on == TODAY
    # Named people stay named wherever they move.
    assert row(named, "K1").released_on is None
    assert row(by_department, "K1").released_on == TODAY


def test_moving_a_department_moves_its_people_between_assignments(tree, course):
    people.staff("C1", tree["community"])
    street = assign(course, tree["street"])
    other = assign(course, tree["other_street"])

    update_department(
        department=tree["community"], name="东一社区", parent=tree["other_street"]
    )

    assert row(street, "C1").released_on == TODAY
    assert row(other, "C1").released_on is None


def test_withdrawn_assignments_cover_nobody_new(tree, course):
    assignment = assign(course, tree["street"])
    services.withdraw_assignment(assignment=assignment, by=None)

    roster(person("N1", department="S1"))

    assert not AssignedPerson.objects.exists()


def _place_many(department, count: int, prefix: str) -> list[int]:
    User = get_user_model()
    User.objects.bulk_create(User(username=f"{prefix}{i}") for i in range(count))
    users = list(User.objects.filter(username__startswith=prefix))
    StaffProfile.objects.bulk_create(
        StaffProfile(
            user=user,
            employee_id=user.username,
            name="某人",
            department=department,
            email="p@example.org",
        )
        for user in users
    )
    return [user.pk for user in users]


@pytest.mark.parametrize("people", [50, 2000])
def test_covering_many_people_costs_queries_per_chunk_not_per_person(
    tree, course, people
):
    assign(course, tree["street"])
    assign(make_course(lessons=1), tree["community"])
    user_ids = _place_many(tree["community"], people, "mass")

    with CaptureQueriesContext(connection) as queries:
        counts = coverage.cover_placed_staff(user_ids=user_ids)

    assert counts == {"added": 2 * people, "returned": 0, "released": 0}
    # A few per chunk of people and per insert batch, never one per person.
    assert len(queries) < 10 + people // 20
