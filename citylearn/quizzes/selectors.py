"""Reads about quizzes and attempts, shaped for the pages that show them."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from citylearn.core.markup import render_markdown
from citylearn.core.selectors import readable_by_anyone
from citylearn.quizzes import rules
from citylearn.quizzes.enums import AnswersShown, MultipleScoring, QuestionKind
from citylearn.quizzes.models import (
    Attempt,
    Choice,
    Question,
    QuestionBank,
    Quiz,
    SelectedChoice,
    SelfCheckPage,
)
from citylearn.quizzes.scoring import question_points
from citylearn.quizzes.services import DEADLINE_GRACE, WINDOW_REFUSALS


def has_passed_quiz(*, user: AbstractBaseUser, quiz: Quiz) -> bool:
    """Whether any of the learner's graded attempts at the quiz passed."""
    return Attempt.objects.filter(quiz=quiz, user=user, passed=True).exists()


def learner_attempts(*, user: AbstractBaseUser, quiz: Quiz) -> QuerySet[Attempt]:
    return Attempt.objects.filter(quiz=quiz, user=user).order_by("number")


def attempts_of(*, user: AbstractBaseUser) -> QuerySet[Attempt]:
    """Every attempt of the learner at any quiz, latest first, with its course."""
    return (
        Attempt.objects.filter(user=user)
        .select_related("quiz__course")
        .order_by("-started_at", "-pk")
    )


def running_attempt(*, user: AbstractBaseUser, quiz: Quiz) -> Attempt | None:
    return Attempt.objects.open().filter(quiz=quiz, user=user).first()


def attempts_left(*, user: AbstractBaseUser, quiz: Quiz) -> int | None:
    """How many more attempts the learner may start; None when there is no limit."""
    if quiz.max_attempts is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, user=user).count()
    return max(0, quiz.max_attempts - used)


def may_show_answers(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Whether a graded attempt's result may show the right answers, by the quiz's rule.

    Never while another attempt of the learner's runs. "Closed" waits out the grace
    for late submissions, so that nobody still writing can be sent the answers.
    """
    quiz = attempt.quiz
    now = now or timezone.now()
    closed = quiz.closes_at is not None and now > quiz.closes_at + DEADLINE_GRACE
    match quiz.answers_shown:
        case AnswersShown.AFTER_EACH_ATTEMPT:
            shown = True
        case AnswersShown.AFTER_CLOSING:
            shown = closed
        case AnswersShown.AFTER_LAST_ATTEMPT:
            shown = (
                closed
                or has_passed_quiz(user=attempt.user, quiz=quiz)
                or attempts_left(user=attempt.user, quiz=quiz) == 0
            )
        case _:
            shown = False
    running = Attempt.objects.open().filter(quiz=quiz, user=attempt.user)
    return shown and not running.exists()


def why_closed(*, quiz: Quiz) -> str | None:
    """Why the quiz's window keeps attempts from starting now, if it does."""
    refusal = rules.window_refusal(
        opens_at=quiz.opens_at, closes_at=quiz.closes_at, now=timezone.now()
    )
    return WINDOW_REFUSALS[refusal] if refusal else None


def drawn_question_shapes() -> dict[tuple[str, str], tuple[str, int]]:
    """(course slug, question key) -> (kind, number of choices) of questions learners got.

    Their shape must stay as it is (`rules.keeps_drawn_shape`).
    """
    questions = (
        Question.objects.drawn()
        .filter(bank__quizzes__course__isnull=False)
        .annotate(choice_count=Count("choices", distinct=True))
        .values_list("bank__quizzes__course__slug", "key", "kind", "choice_count")
    )
    return {(course, key): (kind, count) for course, key, kind, count in questions}


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
    return [
        _sheet_question(
            slot.position,
            slot.question,
            [
                (place, choices[choice_id], (slot.pk, choice_id) in selected)
                # A choice an editor has since deleted is left out.
                for place, choice_id in enumerate(slot.choice_order, start=1)
                if choice_id in choices
            ],
            with_answers=with_answers,
            points=slot.points if with_answers else None,
        )
        for slot in slots
    ]


def _sheet_question(
    position: int,
    question: Question,
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


def self_check(*, bank: QuestionBank | None, query: QueryDict) -> SelfCheck:
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
            _sheet_question(
                position,
                question,
                [(p, own[p - 1], p in picked) for p in places],
                with_answers=True,
                points=Decimal(int(points)),
            )
        )
    return SelfCheck(sheet, checked=True)


def _blank(questions: list[Question], choices: list[list[dict]]) -> list[SheetQuestion]:
    return [
        _sheet_question(
            position,
            question,
            [(place, choice, False) for place, choice in enumerate(own, start=1)],
            with_answers=False,
        )
        for position, (question, own) in enumerate(
            zip(questions, choices, strict=True), 1
        )
    ]


def public_self_checks() -> QuerySet[SelfCheckPage]:
    """The self-checks a citizen may take, for the pages that point to them."""
    return readable_by_anyone(SelfCheckPage.objects.all()).order_by("title")


def marked_sheet(
    questions: list[Question],
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
        _sheet_question(
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


def is_right(question: Question, picked: set[int]) -> bool:
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


def picked_places(question: Question, values: list[str]) -> set[int] | None:
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


def course_bank_questions(*, course_ids) -> QuerySet[Question]:
    """The active questions of the banks the final quizzes of these courses draw from."""
    return (
        Question.objects.active()
        .filter(bank__in=QuestionBank.objects.filter(quizzes__course_id__in=course_ids))
        .prefetch_related("choices")
    )


def checkpoint_questions(*, course, keys: list[str]) -> list[Question]:
    """The course bank's active questions with these keys, in the order of the keys."""
    if not keys:
        return []
    found = {
        question.key: question
        for question in course_bank_questions(course_ids=[course.pk]).filter(
            key__in=keys
        )
    }
    return [found[key] for key in dict.fromkeys(keys) if key in found]
