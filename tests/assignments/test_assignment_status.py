import datetime
from unittest import mock

import pytest
from django.utils import timezone

from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import AssignedPerson
from citylearn.assignments.services import assign_to_people
from citylearn.progress.services import complete_lesson, start_course
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 6, 30)
ASSIGNED = datetime.date(2026, 5, 1)


def complete_on(course, learner, day: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30)))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for lesson in lessons_of(course):
            complete_lesson(user=learner, lesson=lesson)


def statuses(today: datetime.date) -> dict[str, str]:
    rows = AssignedPerson.objects.with_status(today).select_related("user")
    return {row.user.username: row.status for row in rows}


def test_each_status_is_computed_by_the_database():
    course = make_course(lessons=1)
    people = {name: make_user(name) for name in ("idle", "busy", "prompt", "tardy")}
    assign_to_people(
        course=course, people=people.values(), due_on=DUE, by=None, today=ASSIGNED
    )
    start_course(user=people["busy"], course=course)
    complete_on(course, people["prompt"], DUE)  # late in the evening of the due date
    complete_on(course, people["tardy"], DUE + datetime.timedelta(days=1))

    before = statuses(today=datetime.date(2026, 6, 1))
    after = statuses(today=DUE + datetime.timedelta(days=1))

    assert before == {
        "idle": AssignmentStatus.NOT_STARTED,
        "busy": AssignmentStatus.IN_PROGRESS,
        "prompt": AssignmentStatus.COMPLETED_ON_TIME,
        "tardy": AssignmentStatus.COMPLETED_LATE,
    }
    assert after == {
        "idle": AssignmentStatus.OVERDUE,
        "busy": AssignmentStatus.OVERDUE,
        "prompt": AssignmentStatus.COMPLETED_ON_TIME,
        "tardy": AssignmentStatus.COMPLETED_LATE,
    }


def test_the_due_date_itself_is_not_yet_overdue():
    course, learner = make_course(lessons=1), make_user("due")
    assign_to_people(
        course=course, people=[learner], due_on=DUE, by=None, today=ASSIGNED
    )

    assert statuses(today=DUE) == {"due": AssignmentStatus.NOT_STARTED}


def test_a_course_completed_before_it_was_assigned_counts_as_on_time():
    course, learner = make_course(lessons=1), make_user("early")
    complete_on(course, learner, datetime.date(2025, 3, 1))

    assign_to_people(
        course=course, people=[learner], due_on=DUE, by=None, today=ASSIGNED
    )

    assert statuses(today=DUE) == {"early": AssignmentStatus.COMPLETED_ON_TIME}


def test_naming_a_person_twice_assigns_once():
    course, learner = make_course(lessons=1), make_user()

    assignment = assign_to_people(
        course=course, people=[learner, learner], due_on=DUE, by=None, today=ASSIGNED
    )

    assert assignment.assigned_people.count() == 1
