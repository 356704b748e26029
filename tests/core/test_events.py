"""The event convention: receivers run after the commit, a failing one is logged and
its effect is repaired by the reacting app's sweep (docs/architecture.md, "Events")."""

import logging
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from citylearn.certificates.models import Certificate
from citylearn.certificates.tasks import issue_missing_certificates
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from citylearn.progress.tasks import complete_missed_courses
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_quiz

pytestmark = pytest.mark.django_db


def test_a_failing_certificate_receiver_is_logged_and_the_sweep_repairs_it(
    django_capture_on_commit_callbacks, caplog
):
    course, learner = make_course(lessons=1), make_user()
    broken = mock.patch(
        "citylearn.certificates.signal_handlers.issue_certificate_task.delay",
        side_effect=ConnectionError("broker down"),
    )
    with (
        broken,
        caplog.at_level(logging.ERROR, logger="citylearn.core.events"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        complete_lesson(user=learner, lesson=lessons_of(course)[0])

    completion = CourseCompletion.objects.get(user=learner)
    assert not Certificate.objects.exists()
    assert "queue_certificate failed" in caplog.text

    assert issue_missing_certificates() == 0  # still inside the grace period
    CourseCompletion.objects.filter(pk=completion.pk).update(
        completed_at=timezone.now() - timedelta(hours=1)
    )
    assert issue_missing_certificates() == 1
    assert Certificate.objects.get().completion == completion
    assert issue_missing_certificates() == 0


def test_a_failing_completion_receiver_is_logged_and_the_sweep_repairs_it(
    django_capture_on_commit_callbacks, caplog
):
    course, learner = make_course(lessons=1), make_user()
    quiz = make_quiz(course=course)
    complete_lesson(user=learner, lesson=lessons_of(course)[0])
    assert not CourseCompletion.objects.exists()

    attempt = start_attempt(quiz=quiz, user=learner)
    broken = mock.patch(
        "citylearn.progress.signal_handlers.complete_course_if_done",
        side_effect=RuntimeError("database hiccup"),
    )
    with (
        broken,
        caplog.at_level(logging.ERROR, logger="citylearn.core.events"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        submit_attempt(attempt=attempt, answers=correct_places(attempt))

    assert attempt.__class__.objects.get(pk=attempt.pk).passed
    assert not CourseCompletion.objects.exists()
    assert "complete_course_on_quiz_passed failed" in caplog.text

    assert complete_missed_courses() == 1
    assert CourseCompletion.objects.filter(user=learner, course=course).count() == 1
    assert complete_missed_courses() == 0
