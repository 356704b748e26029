"""What the courses app builds on: has_passed_quiz and the quiz_passed signal."""

import pytest

from citylearn.quizzes.models import Quiz
from citylearn.quizzes.selectors import has_passed_quiz
from citylearn.quizzes.services import start_attempt, submit_attempt
from citylearn.quizzes.signals import quiz_passed
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_quiz, wrong_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def received():
    calls = []

    def receiver(**kwargs):
        calls.append(kwargs)

    quiz_passed.connect(receiver)
    yield calls
    quiz_passed.disconnect(receiver)


def test_a_learner_has_not_passed_before_an_attempt_passes():
    quiz, user = make_quiz(), make_user()
    assert not has_passed_quiz(user=user, quiz=quiz)

    attempt = start_attempt(quiz=quiz, user=user)
    assert not has_passed_quiz(user=user, quiz=quiz)
    submit_attempt(attempt=attempt, answers=wrong_places(attempt))
    assert not has_passed_quiz(user=user, quiz=quiz)

    attempt = start_attempt(quiz=quiz, user=user)
    submit_attempt(attempt=attempt, answers=correct_places(attempt))
    assert has_passed_quiz(user=user, quiz=quiz)
    assert not has_passed_quiz(user=make_user(), quiz=quiz)


def test_quiz_passed_is_sent_once_on_commit_with_quiz_user_and_attempt(
    received, django_capture_on_commit_callbacks
):
    quiz, user = make_quiz(), make_user()
    attempt = start_attempt(quiz=quiz, user=user)

    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt, answers=correct_places(attempt))
        assert received == []
        submit_attempt(attempt=attempt)

    assert len(received) == 1
    assert received[0]["sender"] is Quiz
    assert received[0]["quiz"] == quiz
    assert received[0]["user"] == user
    assert received[0]["attempt"].pk == attempt.pk
    assert received[0]["attempt"].passed is True


def test_quiz_passed_is_not_sent_for_a_failed_attempt(
    received, django_capture_on_commit_callbacks
):
    quiz, user = make_quiz(), make_user()
    attempt = start_attempt(quiz=quiz, user=user)

    with django_capture_on_commit_callbacks(execute=True):
        submit_attempt(attempt=attempt, answers=wrong_places(attempt))

    assert received == []
