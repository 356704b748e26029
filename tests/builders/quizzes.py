"""Question banks, quizzes and self-checks over questions with known answers."""

import itertools

from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.models import (
    Attempt,
    Choice,
    Question,
    QuestionBank,
    Quiz,
    SelfCheckPage,
)
from tests.builders.learning import make_course
from tests.builders.pages import home_page

_numbers = itertools.count(1)


def make_question(
    bank: QuestionBank,
    kind: str = QuestionKind.SINGLE,
    *,
    key: str | None = None,
    correct: tuple[int, ...] = (0,),
    choices: int = 4,
    tags: tuple[str, ...] = (),
) -> Question:
    """A question whose choices read "right" or "wrong" and whose stem names its key."""
    key = key or f"q{next(_numbers)}"
    if kind == QuestionKind.TRUE_FALSE:
        choices = 2
    question = Question.objects.create(
        bank=bank,
        key=key,
        kind=kind,
        stem=f"Stem of {key}",
        explanation=f"Explanation of {key}",
        tags=list(tags),
        position=next(_numbers),
    )
    Choice.objects.bulk_create(
        Choice(
            question=question,
            position=position,
            text=f"{key} {'right' if position in correct else 'wrong'} {position}",
            is_correct=position in correct,
        )
        for position in range(choices)
    )
    return question


def make_bank(
    size: int = 5, slug: str | None = None, **question_fields
) -> QuestionBank:
    bank = QuestionBank.objects.create(
        slug=slug or f"bank-{next(_numbers)}", title="A bank"
    )
    for __ in range(size):
        make_question(bank, **question_fields)
    return bank


def make_quiz(bank: QuestionBank | None = None, **fields) -> Quiz:
    bank = bank or make_bank()
    values = {
        "title": "Final quiz",
        "draw": bank.questions.count(),
        "pass_mark": 60,
        "max_attempts": 3,
    }
    values.update(fields)
    course = values.pop("course", None) or make_course(lessons=0)
    return Quiz.objects.create(course=course, bank=bank, **values)


def correct_places(attempt: Attempt) -> dict[int, list[int]]:
    """The right answer to every question of an attempt, as the form would send it."""
    answers = {}
    for slot in attempt.attempt_questions.all():
        right = set(
            Choice.objects.filter(
                question=slot.question_id, is_correct=True
            ).values_list("id", flat=True)
        )
        answers[slot.position] = [
            place
            for place, choice_id in enumerate(slot.choice_order, start=1)
            if choice_id in right
        ]
    return answers


def wrong_places(attempt: Attempt) -> dict[int, list[int]]:
    """A wrong answer (the first wrong choice) to every question of an attempt."""
    answers = {}
    right = correct_places(attempt)
    for slot in attempt.attempt_questions.all():
        places = range(1, len(slot.choice_order) + 1)
        answers[slot.position] = [
            next(p for p in places if p not in right[slot.position])
        ]
    return answers


def make_self_check(bank: QuestionBank, slug: str = "self-check") -> SelfCheckPage:
    return home_page().add_child(
        instance=SelfCheckPage(
            title="Know your rights", slug=slug, intro="Try it.", bank=bank
        )
    )
