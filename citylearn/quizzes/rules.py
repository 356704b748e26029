"""The rules a quiz and its questions keep, as pure functions returning error codes.

The admin's forms, the models, the services and the content importer all ask these, so
that what one of them accepts the others accept too. The callers word the messages:
editors read them translated, content authors in the importer's report.
"""

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime

from citylearn.quizzes.enums import AnswersShown, QuestionKind

NOT_OPEN = "not_open"
CLOSED = "closed"
CLOSES_BEFORE_OPENING = "closes_before_opening"
NEEDS_CLOSING_TIME = "needs_closing_time"
TOO_FEW_QUESTIONS = "too_few_questions"
TRUE_FALSE_CHOICES = "true_false_choices"
ONE_RIGHT_CHOICE = "one_right_choice"
SOME_RIGHT_CHOICE = "some_right_choice"
DRAWN_QUESTION_SHAPE = "drawn_question_shape"

MIN_CHOICES, MAX_CHOICES = 2, 6


def window_errors(
    *, opens_at: datetime | None, closes_at: datetime | None, answers_shown: str
) -> dict[str, str]:
    """The quiz's field names whose window settings break a rule, with the rule's code."""
    errors = {}
    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = CLOSES_BEFORE_OPENING
    if answers_shown == AnswersShown.AFTER_CLOSING and not closes_at:
        errors["answers_shown"] = NEEDS_CLOSING_TIME
    return errors


def window_refusal(
    *, opens_at: datetime | None, closes_at: datetime | None, now: datetime
) -> str | None:
    """Why the quiz's window keeps an attempt from starting at now, if it does."""
    if opens_at and now < opens_at:
        return NOT_OPEN
    if closes_at and now >= closes_at:
        return CLOSED
    return None


@dataclass(frozen=True)
class Shortfall:
    """A draw that may find too few questions: its place among the draws, and why."""

    index: int
    count: int
    available: int
    # How many of its questions the draws before it may already have taken.
    taken: int


def draw_shortfalls(
    pools: Sequence[tuple[Collection[Hashable], int]],
) -> list[Shortfall]:
    """The draws that cannot always be filled, whatever the draws before them took.

    pools: (the ids of the questions a draw may pick, how many it picks), in the order
    the draws are made. A question picked once is not picked again, so a pool that
    shares questions with an earlier one may find them gone.
    """
    shortfalls = []
    drawn_before: set[Hashable] = set()
    taken_before = 0
    for index, (pool, count) in enumerate(pools):
        pool = set(pool)
        taken = min(len(pool & drawn_before), taken_before)
        if count > len(pool) - taken:
            shortfalls.append(Shortfall(index, count, len(pool), taken))
        drawn_before |= pool
        taken_before += count
    return shortfalls


def question_error(kind: str, right: Sequence[bool]) -> str | None:
    """Why a question of this kind, with choices right or wrong as given, is unanswerable.

    The number of choices (two to six) is the choices' formset's and the schema's to check.
    """
    correct = sum(right)
    if kind == QuestionKind.TRUE_FALSE and len(right) != 2:
        return TRUE_FALSE_CHOICES
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and correct != 1:
        return ONE_RIGHT_CHOICE
    if kind == QuestionKind.MULTIPLE and correct < 1:
        return SOME_RIGHT_CHOICE
    return None


def keeps_drawn_shape(before: tuple[str, int], after: tuple[str, int]) -> bool:
    """Whether a question learners were given keeps its (kind, number of choices).

    Attempts hold a drawn question's choices in a fixed order and answers point at
    them: another kind or number of choices would rewrite learners' records.
    """
    return before == after
