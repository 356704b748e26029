"""Starting, answering and grading attempts; every rule the server enforces lives here."""

import random
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citylearn.core.events import send_after_commit
from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.errors import (
    ATTEMPT_FINISHED,
    CLOSED,
    NO_ATTEMPTS_LEFT,
    NOT_OPEN_YET,
    ONE_CHOICE_ONLY,
    TIME_IS_UP,
    TOO_FEW_QUESTIONS,
    UNKNOWN_CHOICE,
    UNKNOWN_QUESTION,
)
from citylearn.quizzes.models import (
    Attempt,
    AttemptQuestion,
    Candidate,
    Choice,
    Quiz,
    SelectedChoice,
)
from citylearn.quizzes.scoring import question_points
from citylearn.quizzes.signals import quiz_passed

# Answers that left the browser just before the deadline still count.
DEADLINE_GRACE = timedelta(seconds=30)

_random = random.SystemRandom()


def start_attempt(
    *, quiz: Quiz, user: AbstractBaseUser, now: datetime | None = None
) -> Attempt:
    """The learner's running attempt at the quiz, or a new one with its questions drawn."""
    now = now or timezone.now()
    with transaction.atomic():
        # Concurrent starts by one learner queue up here, so the count below is exact.
        Candidate.objects.select_for_update().get_or_create(quiz=quiz, user=user)
        running = Attempt.objects.open().filter(quiz=quiz, user=user).first()
        if running and not _time_is_up(running, now):
            return running
        if running:
            running.quiz = quiz
            _grade(_locked(running), now)
        used = Attempt.objects.filter(quiz=quiz, user=user).count()
        try:
            _check_can_start(quiz, used, now)
            drawn = _draw_questions(quiz)
        except ValidationError as error:
            # Raised once the block has committed the grading above.
            refusal = error
        else:
            refusal = None
            attempt = Attempt.objects.create(
                quiz=quiz,
                user=user,
                number=used + 1,
                started_at=now,
                deadline=_deadline(quiz, now),
            )
            AttemptQuestion.objects.bulk_create(
                AttemptQuestion(
                    attempt=attempt,
                    question_id=question_id,
                    position=position,
                    choice_order=choice_order,
                )
                for position, (question_id, choice_order) in enumerate(drawn, start=1)
            )
    if refusal:
        raise refusal
    return attempt


def save_answers(
    *,
    attempt: Attempt,
    answers: Mapping[int, Sequence[int]],
    now: datetime | None = None,
) -> Attempt:
    """Record answers given by question position and choice place; an empty list clears one."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt)
        if attempt.is_graded:
            raise ValidationError(ATTEMPT_FINISHED, code="finished")
        if _time_is_up(attempt, now):
            raise ValidationError(TIME_IS_UP, code="time_is_up")
        _record(attempt, answers, now)
    return attempt


def submit_attempt(
    *,
    attempt: Attempt,
    answers: Mapping[int, Sequence[int]] | None = None,
    now: datetime | None = None,
) -> tuple[Attempt, bool]:
    """Grade the attempt unless it already is; True when this call graded it.

    Answers sent with a late submission are ignored: the attempt is graded on those saved
    before the deadline (plus grace).
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _locked(attempt)
        if attempt.is_graded:
            return attempt, False
        attempt.submitted_at = now
        if answers and not _time_is_up(attempt, now):
            _record(attempt, answers, now)
        graded = _grade(attempt, now)
    return attempt, graded


def grade_if_time_is_up(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Grade an attempt whose time ran out unsubmitted, on the answers it saved in time."""
    now = now or timezone.now()
    if attempt.is_graded or not _time_is_up(attempt, now):
        return False
    with transaction.atomic():
        attempt = _locked(attempt)
        return not attempt.is_graded and _grade(attempt, now)


def grade_expired_attempts(*, now: datetime | None = None) -> int:
    """Grade every attempt whose time ran out unsubmitted; returns how many."""
    now = now or timezone.now()
    expired = (
        Attempt.objects.open()
        .filter(deadline__lt=now - DEADLINE_GRACE)
        .select_related("quiz")
    )
    return sum(
        grade_if_time_is_up(attempt=attempt, now=now) for attempt in expired.iterator()
    )


def reschedule_open_attempts(*, quiz: Quiz) -> int:
    """Give running attempts the deadline the quiz's rules give now; returns how many moved.

    A closing time moved earlier ends an exam day early for everyone still writing;
    moved later, or removed, it gives them the time their limit allows.
    """
    moved = []
    for attempt in (
        Attempt.objects.open().filter(quiz=quiz).only("started_at", "deadline")
    ):
        deadline = _deadline(quiz, attempt.started_at)
        if deadline != attempt.deadline:
            attempt.deadline = deadline
            moved.append(attempt)
    Attempt.objects.bulk_update(moved, ["deadline"], batch_size=500)
    return len(moved)


def _locked(attempt: Attempt) -> Attempt:
    """The attempt re-read under a row lock, sharing the quiz the caller already loaded."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    locked.quiz = attempt.quiz
    return locked


def _time_is_up(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline is not None and now > attempt.deadline + DEADLINE_GRACE


def _deadline(quiz: Quiz, now: datetime) -> datetime | None:
    limits = [quiz.closes_at] if quiz.closes_at else []
    if quiz.time_limit_minutes:
        limits.append(now + timedelta(minutes=quiz.time_limit_minutes))
    return min(limits, default=None)


def _check_can_start(quiz: Quiz, used: int, now: datetime) -> None:
    if quiz.opens_at and now < quiz.opens_at:
        raise ValidationError(NOT_OPEN_YET, code="not_open")
    if quiz.closes_at and now >= quiz.closes_at:
        raise ValidationError(CLOSED, code="closed")
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise ValidationError(NO_ATTEMPTS_LEFT, code="no_attempts_left")


def _draw_questions(quiz: Quiz) -> list[tuple[int, list[int]]]:
    """Question ids in a fresh random order, each with its choice ids in a fresh order."""
    pools = [(quiz.bank, quiz.tags, quiz.draw)] + [
        (extra.bank, [extra.tag] if extra.tag else [], extra.count)
        for extra in quiz.extra_draws.select_related("bank")
    ]
    drawn: list[int] = []
    for bank, tags, count in pools:
        candidates = [
            pk for pk in bank.questions.active().ids_tagged(tags) if pk not in drawn
        ]
        if len(candidates) < count:
            raise ValidationError(TOO_FEW_QUESTIONS, code="too_few_questions")
        drawn += _random.sample(candidates, count)
    _random.shuffle(drawn)

    choices: dict[int, list[int]] = {pk: [] for pk in drawn}
    kinds = {}
    rows = Choice.objects.filter(question_id__in=drawn).order_by("question", "position")
    for question_id, choice_id, kind in rows.values_list(
        "question_id", "id", "question__kind"
    ):
        choices[question_id].append(choice_id)
        kinds[question_id] = kind
    for question_id, order in choices.items():
        # True before false reads naturally; shuffling them would only confuse.
        if kinds.get(question_id) != QuestionKind.TRUE_FALSE:
            _random.shuffle(order)
    return [(question_id, choices[question_id]) for question_id in drawn]


def _record(
    attempt: Attempt, answers: Mapping[int, Sequence[int]], now: datetime
) -> None:
    slots = {
        slot.position: slot
        for slot in attempt.attempt_questions.filter(
            position__in=list(answers)
        ).select_related("question")
    }
    selections = []
    for position, places in answers.items():
        slot = slots.get(position)
        if slot is None:
            raise ValidationError(
                UNKNOWN_QUESTION, code="unknown_question", params={"position": position}
            )
        if len(set(places)) > 1 and slot.question.kind != QuestionKind.MULTIPLE:
            raise ValidationError(
                ONE_CHOICE_ONLY, code="one_choice_only", params={"position": position}
            )
        for place in set(places):
            if not 1 <= place <= len(slot.choice_order):
                raise ValidationError(
                    UNKNOWN_CHOICE,
                    code="unknown_choice",
                    params={"position": position, "choice": place},
                )
            selections.append(
                SelectedChoice(
                    attempt_question=slot, choice_id=slot.choice_order[place - 1]
                )
            )
    SelectedChoice.objects.filter(attempt_question__in=slots.values()).delete()
    SelectedChoice.objects.bulk_create(selections)
    AttemptQuestion.objects.filter(pk__in=[s.pk for s in slots.values()]).update(
        answered_at=now
    )


def _grade(attempt: Attempt, now: datetime) -> bool:
    """Mark a locked attempt; the guarded UPDATE lets only one grading through, even unlocked."""
    quiz = attempt.quiz
    slots = list(attempt.attempt_questions.select_related("question"))
    question_ids = [slot.question_id for slot in slots]
    correct: dict[int, set[int]] = {pk: set() for pk in question_ids}
    wrong: dict[int, set[int]] = {pk: set() for pk in question_ids}
    for question_id, choice_id, is_correct in Choice.objects.filter(
        question_id__in=question_ids
    ).values_list("question_id", "id", "is_correct"):
        (correct if is_correct else wrong)[question_id].add(choice_id)
    selected: dict[int, set[int]] = {slot.pk: set() for slot in slots}
    for slot_id, choice_id in SelectedChoice.objects.filter(
        attempt_question__in=slots
    ).values_list("attempt_question_id", "choice_id"):
        selected[slot_id].add(choice_id)

    total = Fraction(0)
    for slot in slots:
        points = question_points(
            kind=slot.question.kind,
            scoring=quiz.multiple_scoring,
            correct=frozenset(correct[slot.question_id]),
            wrong=frozenset(wrong[slot.question_id]),
            selected=frozenset(selected[slot.pk]),
        )
        slot.points = _decimal(points, "0.0001")
        total += points
    percent = total * 100 / len(slots) if slots else Fraction(0)
    attempt.graded_at = now
    attempt.score = _decimal(percent, "0.01")
    attempt.passed = percent >= quiz.pass_mark
    claimed = Attempt.objects.filter(pk=attempt.pk, graded_at__isnull=True).update(
        graded_at=attempt.graded_at,
        submitted_at=attempt.submitted_at,
        score=attempt.score,
        passed=attempt.passed,
    )
    if not claimed:
        return False
    AttemptQuestion.objects.bulk_update(slots, ["points"])
    if attempt.passed:
        send_after_commit(
            quiz_passed, sender=Quiz, quiz=quiz, user=attempt.user, attempt=attempt
        )
    return True


def _decimal(value: Fraction, places: str) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(places), rounding=ROUND_HALF_UP)
