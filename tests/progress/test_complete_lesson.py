from datetime import UTC, datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError

from citylearn.progress.models import CourseCompletion, Enrolment, LessonCompletion
from citylearn.progress.services import LESSON_NOT_LIVE, complete_lesson
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_quiz, wrong_places

pytestmark = pytest.mark.django_db


def pass_quiz(quiz, user):
    attempt = start_attempt(quiz=quiz, user=user)
    submit_attempt(attempt=attempt, answers=correct_places(attempt))


def fail_quiz(quiz, user):
    attempt = start_attempt(quiz=quiz, user=user)
    submit_attempt(attempt=attempt, answers=wrong_places(attempt))


def test_a_lesson_is_recorded_once_however_often_it_is_completed():
    course, learner = make_course(lessons=2), make_user()
    lesson = lessons_of(course)[0]

    first = complete_lesson(user=learner, lesson=lesson)
    second = complete_lesson(user=learner, lesson=lesson)

    assert first.pk == second.pk
    assert LessonCompletion.objects.filter(user=learner).count() == 1
    assert Enrolment.objects.filter(user=learner, course=course).count() == 1


def test_completing_a_lesson_enrols_and_remembers_where_the_learner_is():
    course, learner = make_course(lessons=2), make_user()
    lesson = lessons_of(course)[1]

    complete_lesson(user=learner, lesson=lesson)

    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert enrolment.last_lesson_id == lesson.pk


def test_the_course_completes_when_every_required_lesson_is_completed():
    course, learner = make_course(lessons=2, optional=1), make_user()
    first, second, optional = lessons_of(course)

    complete_lesson(user=learner, lesson=first)
    assert not CourseCompletion.objects.exists()
    complete_lesson(user=learner, lesson=second)

    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert completion.credit_hours == Decimal("2")
    assert not optional.completions.exists()


def test_another_learners_lessons_do_not_count():
    course, learner, colleague = make_course(lessons=2), make_user(), make_user()
    first, second = lessons_of(course)
    complete_lesson(user=colleague, lesson=first)

    complete_lesson(user=learner, lesson=second)

    assert not CourseCompletion.objects.exists()


def test_the_completion_keeps_its_time_local_date_year_and_hours():
    course, learner = (
        make_course(lessons=1, credit_hours=Decimal("1.5")),
        make_user(),
    )
    # 00:30 on New Year's Day in Shanghai is still the old year in UTC.
    moment = datetime(2025, 12, 31, 16, 30, tzinfo=UTC)

    with mock.patch("django.utils.timezone.now", return_value=moment):
        complete_lesson(user=learner, lesson=lessons_of(course)[0])
    course.credit_hours = 4
    course.save_revision().publish()

    completion = CourseCompletion.objects.get()
    assert completion.completed_at == moment
    assert completion.completed_on.isoformat() == "2026-01-01"
    assert completion.year == 2026
    assert completion.credit_hours == Decimal("1.5")


def test_a_course_with_a_quiz_needs_the_quiz_passed_too():
    course, learner = make_course(lessons=1), make_user()
    quiz = make_quiz(course=course)

    complete_lesson(user=learner, lesson=lessons_of(course)[0])
    fail_quiz(quiz, learner)

    assert not CourseCompletion.objects.exists()


def test_passing_the_quiz_after_the_lessons_completes_the_course(
    django_capture_on_commit_callbacks,
):
    course, learner = make_course(lessons=1), make_user()
    quiz = make_quiz(course=course)
    complete_lesson(user=learner, lesson=lessons_of(course)[0])

    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner)

    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1


def test_completing_the_last_lesson_after_passing_the_quiz_completes_the_course(
    django_capture_on_commit_callbacks,
):
    course, learner = make_course(lessons=2), make_user()
    quiz = make_quiz(course=course)
    first, second = lessons_of(course)
    complete_lesson(user=learner, lesson=first)
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner)
    assert not CourseCompletion.objects.exists()

    complete_lesson(user=learner, lesson=second)

    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1


def test_passing_the_quiz_again_records_nothing_more(
    django_capture_on_commit_callbacks,
):
    course, learner = make_course(lessons=1), make_user()
    quiz = make_quiz(course=course)
    complete_lesson(user=learner, lesson=lessons_of(course)[0])
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner)
    first = CourseCompletion.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(quiz, learner)

    assert list(CourseCompletion.objects.all()) == [first]


def test_the_certificate_is_queued_once_after_commit(
    django_capture_on_commit_callbacks,
):
    course, learner = make_course(lessons=1), make_user()
    lesson = lessons_of(course)[0]

    with (
        mock.patch(
            "citylearn.certificates.signal_handlers.issue_certificate_task.delay"
        ) as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        complete_lesson(user=learner, lesson=lesson)
        complete_lesson(user=learner, lesson=lesson)
        delay.assert_not_called()

    assert len(callbacks) == 1
    delay.assert_called_once_with(CourseCompletion.objects.get().pk)


def test_an_unpublished_lesson_cannot_be_completed():
    course, learner = make_course(lessons=1), make_user()
    lesson = lessons_of(course)[0]
    lesson.unpublish()

    with pytest.raises(ValidationError) as error:
        complete_lesson(user=learner, lesson=lesson)

    assert error.value.messages == [str(LESSON_NOT_LIVE)]
    assert not LessonCompletion.objects.exists()
