"""Which questions a day's set holds: own courses only, wrong answers first, spacing."""

import datetime

import pytest

from citylearn.practice import leitner
from citylearn.practice.leitner import CardState
from citylearn.practice.models import Card
from citylearn.practice.selectors import set_questions
from citylearn.practice.services import submit_daily_set, todays_set
from tests.builders.people import make_user
from tests.practice.builders import answers, assign, complete, course_with_bank

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 1)


def after(days: int) -> datetime.date:
    return DAY + datetime.timedelta(days=days)


def test_questions_come_only_from_active_questions_of_own_courses():
    learner = make_user()
    assigned, assigned_bank = course_with_bank(3)
    completed, completed_bank = course_with_bank(3)
    __, other_bank = course_with_bank(5)
    retired = assigned_bank.questions.first()
    retired.is_active = False
    retired.save()
    assign(learner, assigned)
    complete(learner, completed)

    questions = set_questions(todays_set(user=learner, day=DAY))

    own = set(assigned_bank.questions.filter(is_active=True)) | set(
        completed_bank.questions.all()
    )
    assert set(questions) == own
    assert not set(questions) & set(other_bank.questions.all())


def test_a_learner_without_courses_gets_no_set():
    course_with_bank(5)
    assert todays_set(user=make_user(), day=DAY) is None


def test_five_questions_at_most():
    learner = make_user()
    course, __ = course_with_bank(12)
    assign(learner, course)
    assert len(set_questions(todays_set(user=learner, day=DAY))) == 5


def test_the_same_set_on_reload_and_for_the_same_day():
    learner = make_user()
    course, __ = course_with_bank(12)
    assign(learner, course)
    first = todays_set(user=learner, day=DAY)
    again = todays_set(user=learner, day=DAY)
    assert again.pk == first.pk
    assert set_questions(again) == set_questions(first)


def test_the_unseen_order_is_fixed_by_learner_and_day():
    unseen = list(range(1, 40))
    one = leitner.daily_choice(cards=[], unseen=unseen, day=DAY, seed="7:2026-12-01")
    two = leitner.daily_choice(
        cards=[], unseen=list(reversed(unseen)), day=DAY, seed="7:2026-12-01"
    )
    other_day = leitner.daily_choice(
        cards=[], unseen=unseen, day=after(1), seed="7:2026-12-02"
    )
    assert one == two
    assert one != other_day


def test_wrong_answers_come_back_first_the_next_day():
    learner = make_user()
    course, __ = course_with_bank(8)
    assign(learner, course)
    first = todays_set(user=learner, day=DAY)
    asked = set_questions(first)
    wrong = asked[3:5]
    submit_daily_set(user=learner, daily_set=first, picked=answers(first, wrong=wrong))

    next_day = set_questions(todays_set(user=learner, day=after(1)))

    assert set(next_day[:2]) == set(wrong)
    # Answered right yesterday: box 2, due in three days, not before.
    assert not set(next_day) & set(asked[:3])
    assert len(next_day) == 5  # the two wrong ones and the three never asked


def test_a_box_three_question_answered_right_yesterday_is_not_due():
    learner = make_user()
    course, bank = course_with_bank(1)
    assign(learner, course)
    question = bank.questions.get()
    Card.objects.create(
        user=learner,
        question=question,
        box=2,
        due_on=DAY,
        last_answered_on=after(-3),
    )
    daily = todays_set(user=learner, day=DAY)
    assert set_questions(daily) == [question]
    submit_daily_set(user=learner, daily_set=daily, picked=answers(daily))

    card = Card.objects.get(user=learner, question=question)
    assert (card.box, card.due_on) == (3, after(7))
    assert todays_set(user=learner, day=after(1)) is None
    assert todays_set(user=learner, day=after(6)) is None
    assert set_questions(todays_set(user=learner, day=after(7))) == [question]


def test_due_questions_wrong_first_then_longest_unseen_then_new():
    cards = [
        CardState(1, box=3, due_on=after(-1), last_answered_on=after(-8)),
        CardState(2, box=1, due_on=DAY, last_answered_on=after(-1)),
        CardState(3, box=2, due_on=DAY, last_answered_on=after(-3)),
        CardState(4, box=4, due_on=after(2), last_answered_on=after(-12)),
        CardState(5, box=1, due_on=after(-2), last_answered_on=after(-3)),
    ]
    chosen = leitner.daily_choice(cards=cards, unseen=[8, 9, 10], day=DAY, seed="s")
    assert chosen[:4] == [5, 2, 1, 3]
    assert chosen[4] in (8, 9, 10)
    assert 4 not in chosen


def test_boxes_move_up_one_on_a_right_answer_and_back_to_one_on_a_wrong_one():
    assert leitner.next_box(None, right=True) == 2
    assert leitner.next_box(3, right=True) == 4
    assert leitner.next_box(5, right=True) == 5
    assert leitner.next_box(4, right=False) == 1
    assert [leitner.due_on(box, answered_on=DAY) for box in (1, 2, 3, 4, 5)] == [
        after(1),
        after(3),
        after(7),
        after(14),
        after(30),
    ]


def test_a_streak_counts_days_in_a_row_up_to_today_or_yesterday():
    days = [after(-3), after(-2), after(-1)]
    assert leitner.streak(days, today=DAY) == 3
    assert leitner.streak([*days, DAY], today=DAY) == 4
    assert leitner.streak([after(-5), after(-3)], today=DAY) == 0
    assert leitner.streak([], today=DAY) == 0
