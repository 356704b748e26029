from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.errors import (
    ATTEMPT_FINISHED,
    ONE_CHOICE_ONLY,
    TIME_IS_UP,
    UNKNOWN_CHOICE,
    UNKNOWN_QUESTION,
)
from citylearn.quizzes.models import SelectedChoice
from citylearn.quizzes.selectors import attempt_sheet
from citylearn.quizzes.services import (
    DEADLINE_GRACE,
    save_answers,
    start_attempt,
    submit_attempt,
)
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz

pytestmark = pytest.mark.django_db


def selections(attempt):
    return {
        question.position: [c.place for c in question.choices if c.selected]
        for question in attempt_sheet(attempt)
    }


def test_answers_are_saved_by_place_and_replace_earlier_ones():
    attempt = start_attempt(quiz=make_quiz(make_bank(3)), user=make_user())

    save_answers(attempt=attempt, answers={1: [2], 2: [4]})
    save_answers(attempt=attempt, answers={1: [3]})

    assert selections(attempt) == {1: [3], 2: [4], 3: []}
    slot = attempt.attempt_questions.get(position=1)
    assert (
        SelectedChoice.objects.get(attempt_question=slot).choice_id
        == slot.choice_order[2]
    )


def test_an_empty_answer_clears_the_question():
    attempt = start_attempt(quiz=make_quiz(make_bank(2)), user=make_user())
    save_answers(attempt=attempt, answers={1: [1], 2: [2]})

    save_answers(attempt=attempt, answers={1: []})

    assert selections(attempt) == {1: [], 2: [2]}


def test_a_multiple_choice_question_takes_several_answers():
    quiz = make_quiz(make_bank(1, kind=QuestionKind.MULTIPLE, correct=(0, 1)))
    attempt = start_attempt(quiz=quiz, user=make_user())

    save_answers(attempt=attempt, answers={1: [1, 3, 3]})

    assert selections(attempt) == {1: [1, 3]}


@pytest.mark.parametrize(
    ("answers", "message", "params"),
    [
        ({1: [1, 2]}, ONE_CHOICE_ONLY, {"position": 1}),
        ({9: [1]}, UNKNOWN_QUESTION, {"position": 9}),
        ({1: [5]}, UNKNOWN_CHOICE, {"position": 1, "choice": 5}),
        ({1: [0]}, UNKNOWN_CHOICE, {"position": 1, "choice": 0}),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_saved(answers, message, params):
    attempt = start_attempt(quiz=make_quiz(make_bank(2)), user=make_user())
    save_answers(attempt=attempt, answers={2: [1]})

    with pytest.raises(ValidationError) as error:
        save_answers(attempt=attempt, answers={2: [2], **answers})

    assert error.value.messages == [str(message) % params]
    assert selections(attempt) == {1: [], 2: [1]}


def test_answers_are_saved_until_the_deadline_and_its_grace():
    now = timezone.now()
    attempt = start_attempt(
        quiz=make_quiz(time_limit_minutes=10), user=make_user(), now=now
    )
    in_grace = attempt.deadline + DEADLINE_GRACE

    save_answers(attempt=attempt, answers={1: [1]}, now=in_grace)
    with pytest.raises(ValidationError) as error:
        save_answers(
            attempt=attempt, answers={1: [2]}, now=in_grace + timedelta(seconds=1)
        )

    assert error.value.messages == [str(TIME_IS_UP)]
    assert selections(attempt)[1] == [1]


def test_a_submitted_attempt_takes_no_more_answers():
    attempt = start_attempt(quiz=make_quiz(), user=make_user())
    submit_attempt(attempt=attempt)

    with pytest.raises(ValidationError) as error:
        save_answers(attempt=attempt, answers={1: [1]})

    assert error.value.messages == [str(ATTEMPT_FINISHED)]
