import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from citylearn.progress.selectors import credit_hours
from citylearn.progress.services import complete_lesson
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db


def complete_at(course, learner, moment):
    with mock.patch("django.utils.timezone.now", return_value=moment):
        for lesson in lessons_of(course):
            complete_lesson(user=learner, lesson=lesson)


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


def test_hours_count_in_the_calendar_year_of_completion(settings):
    settings.ANNUAL_CREDIT_HOURS_TARGET = "6"
    learner, colleague = make_user(), make_user()
    complete_at(
        make_course(lessons=1, credit_hours=2), learner, local(2025, 12, 31, 23, 59)
    )
    complete_at(
        make_course(lessons=1, credit_hours=Decimal("1.5")),
        learner,
        local(2026, 1, 1, 0, 1),
    )
    complete_at(
        make_course(lessons=1, credit_hours=3), learner, local(2026, 7, 1, 9, 0)
    )
    complete_at(
        make_course(lessons=1, credit_hours=5), colleague, local(2026, 7, 1, 9, 0)
    )

    hours_2025 = credit_hours(user=learner, year=2025)
    hours_2026 = credit_hours(user=learner, year=2026)

    assert hours_2025.earned == Decimal("2")
    assert hours_2026.earned == Decimal("4.5")
    assert hours_2026.target == Decimal("6")
    assert hours_2026.remaining == Decimal("1.5")
    assert hours_2026.percent == 75


def test_no_completion_is_zero_hours_and_this_year_by_default():
    hours = credit_hours(user=make_user())

    assert hours.earned == 0
    assert hours.year == timezone.localdate().year
    assert hours.percent == 0
