"""Item statistics for editors, over graded attempts only; the database does the counting.

Facility is a question's mean points (the share answered right when marked all or
nothing). Discrimination is the facility among the top 27% of attempts by score minus
that among the bottom 27% (ties broken by attempt order), as in classical item analysis.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast, Floor, Least
from django.utils.translation import gettext_lazy as _

from citylearn.quizzes.models import (
    Attempt,
    AttemptQuestion,
    Question,
    Quiz,
    SelectedChoice,
)

GROUP_SHARE = Decimal("0.27")
BAND_WIDTH = 10

NOBODY_RIGHT = _("Nobody answered it right: is the right answer marked?")
WEAK_BEAT_STRONG = _("Weaker scorers did better than stronger ones.")
WRONG_CHOICE_PREFERRED = _("A wrong choice was picked more often than every right one.")


@dataclass(frozen=True)
class ScoreBand:
    low: int
    high: int
    attempts: int


@dataclass(frozen=True)
class ChoiceStatistics:
    place: int
    text: str
    is_correct: bool
    picks: int
    pick_rate: float


@dataclass(frozen=True)
class QuestionStatistics:
    question: Question
    responses: int
    facility: float
    discrimination: float | None
    choices: list[ChoiceStatistics]
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class QuizStatistics:
    quiz: Quiz
    attempts: int
    passed: int
    mean_score: float | None
    group_size: int
    bands: list[ScoreBand]
    questions: list[QuestionStatistics]


def quiz_statistics(*, quiz: Quiz) -> QuizStatistics:
    """Score distribution and per-question facility, discrimination and choice picks."""
    graded = Attempt.objects.graded().filter(quiz=quiz)
    summary = graded.aggregate(
        attempts=Count("id"),
        passed=Count("id", filter=Q(passed=True)),
        mean=Avg("score"),
    )
    attempts = summary["attempts"]
    group_size = group_size_for(attempts)
    return QuizStatistics(
        quiz=quiz,
        attempts=attempts,
        passed=summary["passed"],
        mean_score=None
        if summary["mean"] is None
        else round(float(summary["mean"]), 2),
        group_size=group_size,
        bands=_bands(graded),
        questions=_questions(graded, group_size),
    )


def group_size_for(attempts: int) -> int:
    """27% of the attempts, rounded, and 0 when the upper and lower groups would overlap."""
    size = int((attempts * GROUP_SHARE).to_integral_value(rounding=ROUND_HALF_UP))
    size = max(1, size)
    return size if 2 * size <= attempts else 0


def _bands(graded: QuerySet[Attempt]) -> list[ScoreBand]:
    last = 100 // BAND_WIDTH - 1
    counts = dict(
        graded.annotate(
            band=Least(
                Cast(Floor(F("score") / BAND_WIDTH), IntegerField()), Value(last)
            )
        )
        .values_list("band")
        .annotate(n=Count("id"))
        .values_list("band", "n")
    )
    return [
        ScoreBand(
            low=band * BAND_WIDTH,
            high=100 if band == last else (band + 1) * BAND_WIDTH - 1,
            attempts=counts.get(band, 0),
        )
        for band in range(last + 1)
    ]


def _questions(graded: QuerySet[Attempt], group_size: int) -> list[QuestionStatistics]:
    upper = graded.order_by("-score", "id").values("id")[:group_size]
    lower = graded.order_by("score", "-id").values("id")[:group_size]
    rows = {
        row["question"]: row
        for row in AttemptQuestion.objects.filter(attempt__in=graded)
        .values("question")
        .annotate(
            responses=Count("id"),
            facility=Avg("points"),
            upper=Avg("points", filter=Q(attempt__in=upper)),
            lower=Avg("points", filter=Q(attempt__in=lower)),
        )
    }
    picks = dict(
        SelectedChoice.objects.filter(attempt_question__attempt__in=graded)
        .values_list("choice")
        .annotate(n=Count("id"))
        .values_list("choice", "n")
    )
    questions = (
        Question.objects.filter(pk__in=rows)
        .select_related("bank")
        .prefetch_related("choices")
        .order_by("bank__slug", "position")
    )
    return [_question(question, rows[question.pk], picks) for question in questions]


def _question(
    question: Question, row: dict, picks: dict[int, int]
) -> QuestionStatistics:
    responses = row["responses"]
    discrimination = None
    if row["upper"] is not None and row["lower"] is not None:
        discrimination = round(float(row["upper"]) - float(row["lower"]), 4)
    choices = [
        ChoiceStatistics(
            place=place,
            text=choice.text,
            is_correct=choice.is_correct,
            picks=picks.get(choice.pk, 0),
            pick_rate=round(picks.get(choice.pk, 0) / responses, 4),
        )
        for place, choice in enumerate(question.choices.all(), start=1)
    ]
    facility = round(float(row["facility"]), 4)
    flags = []
    if facility == 0:
        flags.append(NOBODY_RIGHT)
    if discrimination is not None and discrimination < 0:
        flags.append(WEAK_BEAT_STRONG)
    right = [c.picks for c in choices if c.is_correct]
    wrong = [c.picks for c in choices if not c.is_correct]
    if right and wrong and max(wrong) > max(right):
        flags.append(WRONG_CHOICE_PREFERRED)
    return QuestionStatistics(
        question=question,
        responses=responses,
        facility=facility,
        discrimination=discrimination,
        choices=choices,
        flags=flags,
    )
