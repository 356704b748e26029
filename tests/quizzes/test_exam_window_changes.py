"""Moving a quiz's closing time moves the deadline of every attempt still running."""

from datetime import timedelta

import pytest
from django.utils import timezone

from citylearn.quizzes.services import (
    grade_if_time_is_up,
    start_attempt,
    submit_attempt,
)
from tests.builders.people import make_user
from tests.builders.quizzes import make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_day():
    now = timezone.now()
    quiz = make_quiz(time_limit_minutes=60, closes_at=now + timedelta(hours=3))
    running = start_attempt(quiz=quiz, user=make_user(), now=now)
    finished = start_attempt(quiz=quiz, user=make_user(), now=now)
    submit_attempt(attempt=finished)
    finished.refresh_from_db()
    return quiz, running, finished, now


def save(quiz, capture):
    with capture(execute=True):
        quiz.save()


def test_closing_early_ends_the_running_attempts_then(
    exam_day, django_capture_on_commit_callbacks
):
    quiz, running, finished, now = exam_day
    quiz.closes_at = now + timedelta(minutes=30)
    save(quiz, django_capture_on_commit_callbacks)

    running.refresh_from_db()
    assert running.deadline == now + timedelta(minutes=30)
    before = finished.deadline
    finished.refresh_from_db()
    assert finished.deadline == before  # a graded attempt keeps its record


def test_closing_now_grades_the_running_attempts_once_the_grace_is_over(
    exam_day, django_capture_on_commit_callbacks
):
    quiz, running, __, now = exam_day
    quiz.closes_at = now + timedelta(seconds=1)
    save(quiz, django_capture_on_commit_callbacks)

    running.refresh_from_db()
    assert grade_if_time_is_up(attempt=running, now=now + timedelta(minutes=1))
    running.refresh_from_db()
    assert running.is_graded


def test_removing_the_closing_time_gives_back_the_time_limit(
    exam_day, django_capture_on_commit_callbacks
):
    quiz, running, __, now = exam_day
    quiz.closes_at = now + timedelta(minutes=10)
    save(quiz, django_capture_on_commit_callbacks)
    running.refresh_from_db()
    assert running.deadline == now + timedelta(minutes=10)
    quiz.closes_at = None
    save(quiz, django_capture_on_commit_callbacks)

    running.refresh_from_db()
    assert running.deadline == running.started_at + timedelta(minutes=60)
