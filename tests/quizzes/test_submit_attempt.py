from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from citylearn.quizzes.enums import MultipleScoring, QuestionKind
from citylearn.quizzes.models import Attempt
from citylearn.quizzes.services import (
    DEADLINE_GRACE,
    grade_expired_attempts,
    grade_if_time_is_up,
    save_answers,
    start_attempt,
    submit_attempt,
)
from tests.builders.people import make_user
from tests.builders.quizzes import (
    correct_places,
    make_bank,
    make_question,
    make_quiz,
    wrong_places,
)

pytestmark = pytest.mark.django_db


def half_right(attempt, count):
    right, wrong = correct_places(attempt), wrong_places(attempt)
    return {p: (right if p <= count else wrong)[p] for p in right}


def test_the_score_is_the_share_of_points_and_the_pass_mark_decides():
    quiz = make_quiz(make_bank(5), pass_mark=60)
    attempt = start_attempt(quiz=quiz, user=make_user())

    graded, graded_now = submit_attempt(attempt=attempt, answers=half_right(attempt, 3))

    assert graded_now
    assert graded.score == Decimal("60.00")
    assert graded.passed is True
    assert graded.submitted_at == graded.graded_at
    points = list(attempt.attempt_questions.values_list("points", flat=True))
    assert points == [1, 1, 1, 0, 0]


def test_one_point_short_of_the_pass_mark_fails():
    quiz = make_quiz(make_bank(5), pass_mark=61)
    attempt = start_attempt(quiz=quiz, user=make_user())

    graded, __ = submit_attempt(attempt=attempt, answers=half_right(attempt, 3))

    assert graded.passed is False


def test_a_score_is_not_rounded_up_into_a_pass():
    quiz = make_quiz(make_bank(3), pass_mark=67)
    attempt = start_attempt(quiz=quiz, user=make_user())

    graded, __ = submit_attempt(attempt=attempt, answers=half_right(attempt, 2))

    assert graded.score == Decimal("66.67")
    assert graded.passed is False


def test_partial_credit_follows_the_quizs_setting():
    bank = make_bank(0)
    make_question(bank, QuestionKind.MULTIPLE, correct=(0, 1), choices=4)
    quiz = make_quiz(bank, multiple_scoring=MultipleScoring.PARTIAL, pass_mark=50)
    attempt = start_attempt(quiz=quiz, user=make_user())
    one_right = correct_places(attempt)[1][:1]

    graded, __ = submit_attempt(attempt=attempt, answers={1: one_right})

    assert graded.score == Decimal("50.00")
    assert graded.passed is True


def test_a_second_submission_changes_nothing():
    quiz = make_quiz(make_bank(4))
    attempt = start_attempt(quiz=quiz, user=make_user())
    first, graded_now = submit_attempt(attempt=attempt, answers=correct_places(attempt))

    again, graded_again = submit_attempt(attempt=attempt, answers=wrong_places(attempt))

    assert (graded_now, graded_again) == (True, False)
    assert again.graded_at == first.graded_at
    assert again.score == Decimal("100.00")
    assert Attempt.objects.get().score == Decimal("100.00")


def test_answers_sent_with_the_submission_count_when_in_time():
    quiz = make_quiz(make_bank(2), time_limit_minutes=10)
    now = timezone.now()
    attempt = start_attempt(quiz=quiz, user=make_user(), now=now)

    graded, __ = submit_attempt(
        attempt=attempt,
        answers=correct_places(attempt),
        now=attempt.deadline + DEADLINE_GRACE,
    )

    assert graded.score == 100


def test_a_late_submission_is_graded_on_what_was_saved_in_time():
    quiz = make_quiz(make_bank(4), time_limit_minutes=10)
    now = timezone.now()
    attempt = start_attempt(quiz=quiz, user=make_user(), now=now)
    right = correct_places(attempt)
    save_answers(attempt=attempt, answers={1: right[1]}, now=now + timedelta(minutes=9))
    late = attempt.deadline + DEADLINE_GRACE + timedelta(seconds=1)

    graded, graded_now = submit_attempt(attempt=attempt, answers=right, now=late)

    assert graded_now
    assert graded.score == Decimal("25.00")
    assert graded.submitted_at == late


def test_an_abandoned_attempt_is_graded_once_its_time_is_up():
    quiz = make_quiz(make_bank(2), time_limit_minutes=10)
    now = timezone.now()
    attempt = start_attempt(quiz=quiz, user=make_user(), now=now)
    save_answers(attempt=attempt, answers=correct_places(attempt), now=now)
    untimed = start_attempt(quiz=make_quiz(time_limit_minutes=None), user=make_user())

    assert (
        grade_if_time_is_up(attempt=attempt, now=now + timedelta(minutes=10)) is False
    )
    later = now + timedelta(minutes=11)
    assert grade_expired_attempts(now=later) == 1
    assert grade_expired_attempts(now=later) == 0

    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.submitted_at is None
    untimed.refresh_from_db()
    assert not untimed.is_graded
