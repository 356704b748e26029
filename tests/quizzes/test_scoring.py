from fractions import Fraction

import pytest

from citylearn.quizzes.enums import MultipleScoring, QuestionKind
from citylearn.quizzes.scoring import question_points

RIGHT = frozenset({1, 2, 3})
WRONG = frozenset({4, 5})


def points(kind, scoring, selected):
    return question_points(
        kind=kind,
        scoring=scoring,
        correct=RIGHT,
        wrong=WRONG,
        selected=frozenset(selected),
    )


@pytest.mark.parametrize(
    ("selected", "expected"),
    [
        ({1, 2, 3}, Fraction(1)),
        ({1, 2}, Fraction(2, 3)),
        ({1}, Fraction(1, 3)),
        ({1, 2, 3, 4}, Fraction(1, 2)),
        ({1, 4}, Fraction(0)),  # 1/3 - 1/2 is below zero
        ({1, 2, 3, 4, 5}, Fraction(0)),
        (set(), Fraction(0)),
    ],
)
def test_partial_credit_rewards_right_picks_and_takes_for_wrong_ones(
    selected, expected
):
    assert points(QuestionKind.MULTIPLE, MultipleScoring.PARTIAL, selected) == expected


@pytest.mark.parametrize(
    ("selected", "expected"),
    [({1, 2, 3}, 1), ({1, 2}, 0), ({1, 2, 3, 4}, 0), (set(), 0)],
)
def test_all_or_nothing_needs_exactly_the_right_choices(selected, expected):
    assert (
        points(QuestionKind.MULTIPLE, MultipleScoring.ALL_OR_NOTHING, selected)
        == expected
    )


def test_partial_scoring_does_not_apply_to_single_choice():
    single = question_points(
        kind=QuestionKind.SINGLE,
        scoring=MultipleScoring.PARTIAL,
        correct=frozenset({1}),
        wrong=frozenset({2, 3}),
        selected=frozenset({1, 2}),
    )
    assert single == 0


def test_a_true_false_question_is_right_or_wrong():
    kwargs = {
        "kind": QuestionKind.TRUE_FALSE,
        "scoring": MultipleScoring.PARTIAL,
        "correct": frozenset({7}),
        "wrong": frozenset({8}),
    }
    assert question_points(selected=frozenset({7}), **kwargs) == 1
    assert question_points(selected=frozenset({8}), **kwargs) == 0
