"""Reads about quizzes and attempts, shaped for the pages that show them."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from citylearn.core.markup import render_markdown
from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.models import Attempt, Choice, Quiz, SelectedChoice


def has_passed_quiz(*, user: AbstractBaseUser, quiz: Quiz) -> bool:
    """Whether any of the learner's graded attempts at the quiz passed."""
    return Attempt.objects.filter(quiz=quiz, user=user, passed=True).exists()


def learner_attempts(*, user: AbstractBaseUser, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, user=user).order_by("number")


def attempts_left(*, user: AbstractBaseUser, quiz: Quiz) -> int | None:
    """How many more attempts the learner may start; None when there is no limit."""
    if quiz.max_attempts is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, user=user).count()
    return max(0, quiz.max_attempts - used)


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> SafeString:
    """Sanitised HTML for a question's Markdown; the same text always renders the same."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


def inline_markdown_html(text: str) -> SafeString:
    """A one-paragraph text without its paragraph, to sit inside a label."""
    html = markdown_html(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return mark_safe(html[3:-4])  # noqa: S308 - a slice of sanitised HTML
    return html


@dataclass(frozen=True)
class SheetChoice:
    place: int
    html: SafeString
    selected: bool
    # Known only on a result sheet; None while the attempt runs.
    correct: bool | None = None


@dataclass(frozen=True)
class SheetQuestion:
    position: int
    kind: str
    stem_html: SafeString
    choices: list[SheetChoice]
    explanation_html: SafeString | None = None
    points: Decimal | None = None
    answered: bool = field(init=False)

    def __post_init__(self):
        object.__setattr__(
            self, "answered", any(choice.selected for choice in self.choices)
        )

    @property
    def takes_many(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE


def attempt_sheet(attempt: Attempt) -> list[SheetQuestion]:
    """The attempt's questions in its order, with the learner's saved answers.

    Deliberately blind to which choices are correct: a running attempt's page is built
    from this and nothing else.
    """
    return _sheet(attempt, with_answers=False)


def result_sheet(attempt: Attempt) -> list[SheetQuestion]:
    """A graded attempt's questions with the correct choices and the explanations."""
    if not attempt.is_graded:
        raise ValueError("A running attempt has no result sheet.")
    return _sheet(attempt, with_answers=True)


def _sheet(attempt: Attempt, *, with_answers: bool) -> list[SheetQuestion]:
    slots = list(attempt.attempt_questions.select_related("question"))
    columns = ["id", "text"] + (["is_correct"] if with_answers else [])
    choices = {
        row["id"]: row
        for row in Choice.objects.filter(
            question_id__in=[slot.question_id for slot in slots]
        ).values(*columns)
    }
    selected = set(
        SelectedChoice.objects.filter(attempt_question__in=slots).values_list(
            "attempt_question_id", "choice_id"
        )
    )
    sheet = []
    for slot in slots:
        question = slot.question
        sheet.append(
            SheetQuestion(
                position=slot.position,
                kind=question.kind,
                stem_html=markdown_html(question.stem),
                choices=[
                    SheetChoice(
                        place=place,
                        html=inline_markdown_html(choices[choice_id]["text"]),
                        selected=(slot.pk, choice_id) in selected,
                        correct=choices[choice_id].get("is_correct"),
                    )
                    # A choice an editor has since deleted is left out.
                    for place, choice_id in enumerate(slot.choice_order, start=1)
                    if choice_id in choices
                ],
                explanation_html=(
                    markdown_html(question.explanation) if with_answers else None
                ),
                points=slot.points if with_answers else None,
            )
        )
    return sheet
