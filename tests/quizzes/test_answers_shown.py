"""When a result shows the right answers: after each attempt, the last, closing, never."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from citylearn.quizzes.enums import AnswersShown
from citylearn.quizzes.models import Quiz
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_bank, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    client.user = make_user()
    client.force_login(client.user)
    return client


def exam(answers_shown: str) -> Quiz:
    return make_quiz(
        make_bank(3),
        max_attempts=3,
        closes_at=timezone.now() + timedelta(days=1),
        answers_shown=answers_shown,
    )


def sit(learner, quiz, *, passing=False) -> int:
    attempt = start_attempt(quiz=quiz, user=learner.user)
    answers = correct_places(attempt) if passing else {}
    submit_attempt(attempt=attempt, answers=answers)
    return attempt.number


def shows_answers(learner, quiz, number) -> bool:
    url = reverse(
        "quizzes:result", kwargs={"course": quiz.course.slug, "number": number}
    )
    html = learner.get(url).content.decode()
    assert "You scored" in html
    return "correct answer" in html


def close(quiz):
    # A minute ago: later than the grace still given to submissions at closing time.
    Quiz.objects.filter(pk=quiz.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )


@pytest.mark.parametrize(
    ("answers_shown", "after_first_of_three", "after_the_last", "after_closing"),
    [
        (AnswersShown.AFTER_EACH_ATTEMPT, True, True, True),
        (AnswersShown.AFTER_LAST_ATTEMPT, False, True, True),
        (AnswersShown.AFTER_CLOSING, False, False, True),
        (AnswersShown.NEVER, False, False, False),
    ],
)
def test_when_a_failed_exam_shows_its_answers(
    learner, answers_shown, after_first_of_three, after_the_last, after_closing
):
    quiz = exam(answers_shown)
    first = sit(learner, quiz)
    assert shows_answers(learner, quiz, first) is after_first_of_three
    sit(learner, quiz)
    last = sit(learner, quiz)
    assert shows_answers(learner, quiz, last) is after_the_last
    assert shows_answers(learner, quiz, first) is after_the_last
    close(quiz)
    assert shows_answers(learner, quiz, last) is after_closing


def test_after_the_last_attempt_includes_having_passed(learner):
    quiz = exam(AnswersShown.AFTER_LAST_ATTEMPT)
    assert shows_answers(learner, quiz, sit(learner, quiz, passing=True))


def test_after_the_last_attempt_includes_the_quiz_closing_with_attempts_left(learner):
    quiz = exam(AnswersShown.AFTER_LAST_ATTEMPT)
    first = sit(learner, quiz)
    close(quiz)
    assert shows_answers(learner, quiz, first)


def test_no_answers_while_the_learners_next_attempt_runs(learner):
    quiz = exam(AnswersShown.AFTER_EACH_ATTEMPT)
    first = sit(learner, quiz)
    start_attempt(quiz=quiz, user=learner.user)
    assert not shows_answers(learner, quiz, first)


def test_answers_after_closing_need_a_closing_time():
    quiz = make_quiz(make_bank(3), answers_shown=AnswersShown.AFTER_EACH_ATTEMPT)
    quiz.answers_shown = AnswersShown.AFTER_CLOSING
    with pytest.raises(ValidationError) as error:
        quiz.full_clean()
    assert "answers_shown" in error.value.message_dict
    with pytest.raises(IntegrityError):
        quiz.save()


def test_a_new_quiz_keeps_its_answers_until_the_last_attempt():
    assert Quiz().answers_shown == AnswersShown.AFTER_LAST_ATTEMPT
