"""A quiz's questions as a page shows them: sanitised HTML, places, marks.

Built from questions and choices handed in; imports no model, so the self-check page
model may mark its answers itself.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

from citylearn.core.markup import render_markdown
from citylearn.quizzes.enums import MultipleScoring, QuestionKind
from citylearn.quizzes.scoring import question_points

if TYPE_CHECKING:
    from citylearn.quizzes.models import Question, QuestionBank


@lru_cache(maxsize=4096)
def markdown_html(text: str) -> SafeString:
    """Sanitised HTML for a question's Markdown; the same text always renders the same."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


def inline_markdown_html(text: str) -> SafeString:
    """A one-paragraph text without its paragraph, to sit inside a label or legend."""
    html = markdown_html(text)
    if is_one_paragraph(html):
        return mark_safe(html[3:-4])  # noqa: S308 - a slice of sanitised HTML
    return html


def is_one_paragraph(html: str) -> bool:
    return html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1


@dataclass(frozen=True)
class SheetChoice:
    place: int
    html: SafeString
    selected: bool
    # Known only on a result sheet; None while the attempt runs.
    correct: bool | None = None
    # Ready-made strings: templates localise every number they print, which adds up.
    value: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "value", str(self.place))


@dataclass(frozen=True)
class SheetQuestion:
    position: int
    kind: str
    stem_html: SafeString
    # A one-paragraph stem sits inside the legend; a longer one follows it.
    stem_inline: bool
    choices: list[SheetChoice]
    explanation_html: SafeString | None = None
    points: Decimal | None = None
    number: str = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "number", str(self.position))

    @property
    def answered(self) -> bool:
        return any(choice.selected for choice in self.choices)

    @property
    def takes_many(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE


def sheet_question(
    position: int,
    question: "Question",
    choices: list[tuple[int, dict, bool]],
    *,
    with_answers: bool,
    points: Decimal | None = None,
) -> SheetQuestion:
    return SheetQuestion(
        position=position,
        kind=question.kind,
        stem_html=inline_markdown_html(question.stem),
        stem_inline=is_one_paragraph(markdown_html(question.stem)),
        choices=[
            SheetChoice(
                place=place,
                html=inline_markdown_html(choice["text"]),
                selected=selected,
                correct=choice["is_correct"] if with_answers else None,
            )
            for place, choice, selected in choices
        ],
        explanation_html=markdown_html(question.explanation) if with_answers else None,
        points=points,
    )


@dataclass(frozen=True)
class SelfCheck:
    """A public self-check as shown: its questions, marked once answers were sent."""

    sheet: list[SheetQuestion]
    checked: bool = False
    unreadable: bool = False

    @property
    def right(self) -> int:
        return sum(question.points == 1 for question in self.sheet)


def self_check(*, bank: "QuestionBank | None", query: QueryDict) -> SelfCheck:
    """Mark the answers in a query string (`check`, and `q-N` = choice places); keep nothing."""
    questions = list(
        bank.questions.active().prefetch_related("choices") if bank else []
    )
    choices = [
        [{"text": c.text, "is_correct": c.is_correct} for c in question.choices.all()]
        for question in questions
    ]
    try:
        answers = [
            {int(place) for place in query.getlist(f"q-{position}")}
            for position in range(1, len(questions) + 1)
        ]
    except ValueError:
        answers = None
    if answers is None or any(
        not picked <= set(range(1, len(own) + 1))
        for picked, own in zip(answers, choices, strict=True)
    ):
        return SelfCheck(_blank(questions, choices), unreadable=True)
    if "check" not in query:
        return SelfCheck(_blank(questions, choices))
    sheet = []
    for position, (question, own, picked) in enumerate(
        zip(questions, choices, answers, strict=True), start=1
    ):
        places = range(1, len(own) + 1)
        points = question_points(
            kind=question.kind,
            scoring=MultipleScoring.ALL_OR_NOTHING,
            correct=frozenset(p for p in places if own[p - 1]["is_correct"]),
            wrong=frozenset(p for p in places if not own[p - 1]["is_correct"]),
            selected=frozenset(picked),
        )
        sheet.append(
            sheet_question(
                position,
                question,
                [(p, own[p - 1], p in picked) for p in places],
                with_answers=True,
                points=Decimal(int(points)),
            )
        )
    return SelfCheck(sheet, checked=True)


def _blank(
    questions: "list[Question]", choices: list[list[dict]]
) -> list[SheetQuestion]:
    return [
        sheet_question(
            position,
            question,
            [(place, choice, False) for place, choice in enumerate(own, start=1)],
            with_answers=False,
        )
        for position, (question, own) in enumerate(
            zip(questions, choices, strict=True), 1
        )
    ]


def marked_sheet(
    questions: "list[Question]",
    picked: list[set[int]] | None = None,
    *,
    marked: bool = True,
) -> list[SheetQuestion]:
    """Questions (choices prefetched) as a form, or marked with the choice places picked.

    Used outside the final quiz (daily practice, lesson checkpoints): nothing is stored
    here, and a question is right only when exactly its correct choices are picked.
    With marked=False the picks are shown back in the form, without the answers.
    """
    choices = [
        [{"text": c.text, "is_correct": c.is_correct} for c in question.choices.all()]
        for question in questions
    ]
    if picked is None:
        return _blank(questions, choices)
    return [
        sheet_question(
            position,
            question,
            [(p, own[p - 1], p in chosen) for p in range(1, len(own) + 1)],
            with_answers=marked,
            points=Decimal(int(is_right(question, chosen))) if marked else None,
        )
        for position, (question, own, chosen) in enumerate(
            zip(questions, choices, picked, strict=True), start=1
        )
    ]


def is_right(question: "Question", picked: set[int]) -> bool:
    """Whether the choice places picked (from 1, choices prefetched) are exactly the right ones."""
    own = list(question.choices.all())
    places = range(1, len(own) + 1)
    return (
        question_points(
            kind=question.kind,
            scoring=MultipleScoring.ALL_OR_NOTHING,
            correct=frozenset(p for p in places if own[p - 1].is_correct),
            wrong=frozenset(p for p in places if not own[p - 1].is_correct),
            selected=frozenset(picked),
        )
        == 1
    )


def picked_places(question: "Question", values: list[str]) -> set[int] | None:
    """The choice places sent for a question (choices prefetched); None if any is not one."""
    count = len(question.choices.all())
    try:
        places = {int(value) for value in values}
    except ValueError:
        return None
    if not places <= set(range(1, count + 1)):
        return None
    if len(places) > 1 and question.kind != QuestionKind.MULTIPLE:
        return None
    return places
