"""Two editors assigning the same refresher at once make one (PostgreSQL)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from citylearn.assignments.models import Assignment
from citylearn.lawreview.models import Refresher
from citylearn.lawreview.services import assign_refresher
from citylearn.laws.services import amend_provision
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.builders.laws import make_provision
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import department, make_user, staff
from tests.progress.test_concurrent_completion import at_once

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def test_two_refreshers_at_once_make_one():
    provision = make_provision()
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    lesson.provisions.add(provision)
    lesson.save_revision().publish()
    learner = staff("L1", department("D")).user
    complete_lesson(user=learner, lesson=lesson)
    CourseCompletion.objects.update(completed_at=timezone.now() - timedelta(days=9))
    change = amend_provision(
        provision=provision,
        text="新的文本。",
        version="2026年修正",
        effective_from=date(2026, 1, 1),
        source_url=provision.source_url,
        checked_on=date(2026, 12, 5),
        changed_by=None,
    )
    lesson.save_revision().publish()  # reviewed
    due = timezone.localdate() + timedelta(days=10)
    editors = [make_user("e1"), make_user("e2")]
    at_once(
        *[
            lambda by=by: assign_refresher(
                change=change, course=course, due_on=due, by=by
            )
            for by in editors
        ]
    )
    assert Refresher.objects.count() == 1
    assert Assignment.objects.count() == 1
