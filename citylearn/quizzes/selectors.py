"""Reads about quizzes and attempts, shaped for the pages that show them."""

from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, QuerySet
from django.utils import timezone

from citylearn.core.selectors import readable_by_anyone
from citylearn.quizzes import rules
from citylearn.quizzes.enums import AnswersShown
from citylearn.quizzes.models import (
    Attempt,
    Choice,
    Question,
    QuestionBank,
    Quiz,
    SelectedChoice,
    SelfCheckPage,
)
from citylearn.quizzes.services import DEADLINE_GRACE, WINDOW_REFUSALS
from citylearn.quizzes.sheets import SheetQuestion, sheet_question


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
        sheet_question(
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


def public_self_checks() -> QuerySet[SelfCheckPage]:
    """The self-checks a citizen may take, for the pages that point to them."""
    return readable_by_anyone(SelfCheckPage.objects.all()).order_by("title")


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
