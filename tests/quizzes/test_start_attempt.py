from collections import Counter
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.errors import (
    CLOSED,
    NO_ATTEMPTS_LEFT,
    NOT_OPEN_YET,
    TOO_FEW_QUESTIONS,
)
from citylearn.quizzes.models import Attempt, Choice, QuizDraw
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_question, make_quiz

pytestmark = pytest.mark.django_db


def test_an_attempt_draws_the_quizs_number_of_distinct_active_questions():
    bank = make_bank(8)
    retired = bank.questions.first()
    retired.is_active = False
    retired.save()
    quiz = make_quiz(bank, draw=5)

    attempt = start_attempt(quiz=quiz, user=make_user())

    slots = list(attempt.attempt_questions.all())
    assert [slot.position for slot in slots] == [1, 2, 3, 4, 5]
    question_ids = [slot.question_id for slot in slots]
    assert len(set(question_ids)) == 5
    assert retired.pk not in question_ids


def test_each_slot_fixes_the_order_of_all_its_questions_choices():
    quiz = make_quiz(make_bank(3, choices=5))
    attempt = start_attempt(quiz=quiz, user=make_user())
    for slot in attempt.attempt_questions.all():
        own = set(
            Choice.objects.filter(question=slot.question_id).values_list(
                "id", flat=True
            )
        )
        assert sorted(slot.choice_order) == sorted(own)


def test_question_and_choice_orders_are_shuffled_per_attempt():
    quiz = make_quiz(make_bank(6, choices=6), max_attempts=None)
    orders = Counter()
    for __ in range(12):
        attempt = start_attempt(quiz=quiz, user=make_user())
        slots = list(attempt.attempt_questions.all())
        orders[tuple(slot.question_id for slot in slots)] += 1
        orders[tuple(slots[0].choice_order)] += 1
    # Twelve attempts over 720 question orders and 720 choice orders: repeats are rare.
    assert len(orders) > 12


def test_true_or_false_keeps_true_first():
    bank = make_bank(0)
    make_question(bank, QuestionKind.TRUE_FALSE, correct=(1,))
    quiz = make_quiz(bank, draw=1)
    for __ in range(5):
        slot = start_attempt(quiz=quiz, user=make_user()).attempt_questions.get()
        assert slot.choice_order == sorted(slot.choice_order)


def test_a_quiz_draws_only_questions_with_its_tags():
    bank = make_bank(3, tags=("other",))
    tagged = {make_question(bank, tags=("privacy", "law")).pk for __ in range(2)}
    quiz = make_quiz(bank, draw=2, tags=["privacy"])

    attempt = start_attempt(quiz=quiz, user=make_user())

    assert set(attempt.attempt_questions.values_list("question", flat=True)) == tagged


def test_further_draws_add_questions_from_other_banks_and_tags():
    main, other = make_bank(4), make_bank(3, tags=("ethics",))
    law = make_question(other, tags=("law",))
    quiz = make_quiz(main, draw=2)
    QuizDraw.objects.create(quiz=quiz, bank=other, tag="ethics", count=3)

    attempt = start_attempt(quiz=quiz, user=make_user())

    banks = Counter(attempt.attempt_questions.values_list("question__bank", flat=True))
    assert banks == {main.pk: 2, other.pk: 3}
    assert not attempt.attempt_questions.filter(question=law).exists()


def test_a_quiz_that_cannot_fill_its_draw_says_so_and_starts_nothing():
    quiz = make_quiz(make_bank(2), draw=2)
    quiz.bank.questions.filter(pk=quiz.bank.questions.first().pk).update(
        is_active=False
    )
    user = make_user()

    with pytest.raises(ValidationError) as error:
        start_attempt(quiz=quiz, user=user)

    assert error.value.messages == [str(TOO_FEW_QUESTIONS)]
    assert not Attempt.objects.exists()


def test_starting_again_resumes_the_running_attempt():
    quiz, user = make_quiz(), make_user()
    first = start_attempt(quiz=quiz, user=user)
    order = list(first.attempt_questions.values_list("question", "choice_order"))

    again = start_attempt(quiz=quiz, user=user)

    assert again.pk == first.pk
    assert (
        list(again.attempt_questions.values_list("question", "choice_order")) == order
    )


def test_the_attempt_limit_counts_every_attempt_started():
    quiz, user = make_quiz(max_attempts=2), make_user()
    for number in (1, 2):
        attempt = start_attempt(quiz=quiz, user=user)
        assert attempt.number == number
        submit_attempt(attempt=attempt)

    with pytest.raises(ValidationError) as error:
        start_attempt(quiz=quiz, user=user)

    assert error.value.messages == [str(NO_ATTEMPTS_LEFT)]
    assert Attempt.objects.filter(user=user).count() == 2
    other = start_attempt(quiz=quiz, user=make_user())
    assert other.number == 1


def test_no_limit_means_no_limit():
    quiz, user = make_quiz(max_attempts=None), make_user()
    for __ in range(5):
        submit_attempt(attempt=start_attempt(quiz=quiz, user=user))
    assert Attempt.objects.filter(user=user).count() == 5


def test_the_deadline_is_the_time_limit_or_the_closing_time_whichever_is_first():
    now = timezone.now()
    quiz = make_quiz(time_limit_minutes=20)
    assert start_attempt(
        quiz=quiz, user=make_user(), now=now
    ).deadline == now + timedelta(minutes=20)

    quiz.closes_at = now + timedelta(minutes=5)
    quiz.save()
    assert (
        start_attempt(quiz=quiz, user=make_user(), now=now).deadline == quiz.closes_at
    )

    untimed = make_quiz(time_limit_minutes=None)
    assert start_attempt(quiz=untimed, user=make_user(), now=now).deadline is None


def test_an_exam_starts_only_inside_its_window():
    now = timezone.now()
    quiz = make_quiz(
        opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=3)
    )
    user = make_user()

    with pytest.raises(ValidationError) as early:
        start_attempt(quiz=quiz, user=user, now=now)
    with pytest.raises(ValidationError) as late:
        start_attempt(quiz=quiz, user=user, now=now + timedelta(hours=3))
    attempt = start_attempt(quiz=quiz, user=user, now=now + timedelta(hours=2))

    assert early.value.messages == [str(NOT_OPEN_YET)]
    assert late.value.messages == [str(CLOSED)]
    assert attempt.deadline == quiz.closes_at


def test_starting_after_the_time_ran_out_grades_the_old_attempt_first():
    now = timezone.now()
    quiz, user = make_quiz(time_limit_minutes=10), make_user()
    old = start_attempt(quiz=quiz, user=user, now=now)

    new = start_attempt(quiz=quiz, user=user, now=now + timedelta(minutes=11))

    old.refresh_from_db()
    assert old.is_graded and old.submitted_at is None
    assert new.number == 2


def test_a_refused_start_still_grades_the_attempt_whose_time_ran_out():
    now = timezone.now()
    quiz = make_quiz(max_attempts=1, closes_at=now + timedelta(minutes=30))
    user = make_user()
    old = start_attempt(quiz=quiz, user=user, now=now)

    with pytest.raises(ValidationError) as error:
        start_attempt(quiz=quiz, user=user, now=now + timedelta(minutes=31))

    assert error.value.messages == [str(CLOSED)]
    old.refresh_from_db()
    assert old.is_graded
