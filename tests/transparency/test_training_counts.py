import datetime

import pytest
from django.utils import timezone

from citylearn.progress.models import CourseCompletion
from citylearn.transparency.selectors import training_counts_by_department_category
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


def complete(profile, course):
    now = timezone.now()
    CourseCompletion.objects.create(
        user=profile.user,
        course=course,
        completed_at=now,
        completed_on=now.date(),
        year=now.year,
        credit_hours=course.credit_hours,
    )


def test_staff_are_counted_by_top_level_unit_with_their_completions():
    tree = people.district()
    security = make_course(lessons=0, mandatory=True)
    thinking = make_course(lessons=0)
    section_staff = people.staff("B1", tree["section"])
    bureau_staff = people.staff("B2", tree["bureau"])
    community_staff = people.staff("C1", tree["community"])
    people.staff("C2", tree["street"])
    people.staff(
        "L1", tree["community"], is_active=False, left_on=datetime.date(2026, 1, 1)
    )
    complete(section_staff, security)
    complete(section_staff, thinking)
    complete(bureau_staff, thinking)
    complete(community_staff, security)

    counts = {c.category: c for c in training_counts_by_department_category()}
    assert set(counts) == {
        "区人社局",
        "东街道",
    }  # 西街道 has nobody; the leaver is not counted
    bureau, street = counts["区人社局"], counts["东街道"]
    assert (bureau.people, bureau.trained, bureau.completed_mandatory) == (2, 2, 1)
    assert (street.people, street.trained, street.completed_mandatory) == (2, 1, 1)


def test_without_staff_there_is_nothing_to_count():
    assert training_counts_by_department_category() == []
