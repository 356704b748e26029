"""Two requests at once, on PostgreSQL (SQLite runs one writer at a time anyway)."""

import threading
import time
from unittest import mock

import pytest
from django.db import connection, connections

from citylearn.progress.models import CourseCompletion, LessonCompletion
from citylearn.progress.selectors import has_met_course_requirements
from citylearn.progress.services import (
    complete_lesson,
    record_lesson_visit,
    start_course,
)
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL")


def at_once(*calls):
    barrier = threading.Barrier(len(calls))
    errors = []

    def run(call):
        try:
            barrier.wait()
            call()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def completing(learner, *lessons):
    return [
        lambda lesson=lesson: complete_lesson(user=learner, lesson=lesson)
        for lesson in lessons
    ]


def test_the_same_lesson_completed_twice_at_once_is_recorded_once():
    course, learner = make_course(lessons=2), make_user()
    lesson = lessons_of(course)[0]

    at_once(*completing(learner, lesson, lesson, lesson, lesson))

    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1


def slowly_checking_requirements(**kwargs):
    # Widens the window in which two transactions could each miss the other's lesson.
    time.sleep(0.2)
    return has_met_course_requirements(**kwargs)


@mock.patch(
    "citylearn.progress.services.has_met_course_requirements",
    slowly_checking_requirements,
)
def test_the_last_two_lessons_completed_at_once_complete_the_course_once():
    for __ in range(3):
        course, learner = make_course(lessons=2), make_user()
        first, second = lessons_of(course)
        start_course(user=learner, course=course)
        # The second lesson is already where the learner is: its request writes no row
        # that the first one also writes, so only the explicit lock keeps them in turn.
        record_lesson_visit(user=learner, lesson=second)

        at_once(*completing(learner, first, second))

        assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1


def test_the_last_checkpoint_passed_twice_at_once_completes_the_course_once():
    from citylearn.courses.enums import CompletionRule
    from citylearn.progress.services import answer_checkpoint
    from citylearn.quizzes.services import start_attempt, submit_attempt
    from tests.builders.learning import make_lesson
    from tests.builders.quizzes import correct_places, make_bank, make_quiz
    from tests.practice.builders import places

    course = make_course(lessons=0, completion_rule=CompletionRule.CHECKPOINTS_PASSED)
    bank = make_bank(size=2)
    quiz = make_quiz(bank, course=course, max_attempts=None)
    question = bank.questions.first()
    lesson = make_lesson(course, checkpoints=[question.key])
    learner = make_user()
    attempt = start_attempt(quiz=quiz, user=learner)
    submit_attempt(attempt=attempt, answers=correct_places(attempt))
    right = places(question, right=True)

    at_once(
        *[
            lambda: answer_checkpoint(
                user=learner, lesson=lesson, question=question, picked=right
            )
        ]
        * 2
    )

    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1
    assert LessonCompletion.objects.filter(user=learner, lesson=lesson).count() == 1
