"""Keeping question banks and quizzes in line with their source; starting, answering and
grading attempts. The rules themselves are in `rules.py`."""

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from citylearn.core.events import send_after_commit
from citylearn.quizzes import rules
from citylearn.quizzes.enums import AnswersShown, QuestionKind
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
    Question,
    QuestionBank,
    Quiz,
    QuizDraw,
    SelectedChoice,
)
from citylearn.quizzes.scoring import question_points
from citylearn.quizzes.signals import quiz_passed

# Answers that left the browser just before the deadline still count.
DEADLINE_GRACE = timedelta(seconds=30)

_random = random.SystemRandom()

WINDOW_REFUSALS = {rules.NOT_OPEN: NOT_OPEN_YET, rules.CLOSED: CLOSED}


@dataclass(frozen=True)
class BankQuestion:
    """A question as its source gives it; key is the author's id, stable across syncs."""

    key: str
    kind: str
    stem: str
    explanation: str
    tags: list[str]
    # (text, right) in the order shown.
    choices: list[tuple[str, bool]]
    # The provisions (laws.Provision) the question cites.
    provisions: list = field(default_factory=list)


def sync_bank(*, slug: str, title: str, questions: list[BankQuestion]) -> QuestionBank:
    """Bring a bank in line with its source; questions no longer listed are retired.

    Choices are matched by place, so that answers learners gave keep pointing at them;
    the caller has checked that drawn questions keep their shape (`rules`).
    """
    bank, __ = QuestionBank.objects.update_or_create(
        slug=slug, defaults={"title": title}
    )
    for position, data in enumerate(questions):
        question, __ = Question.objects.update_or_create(
            bank=bank,
            key=data.key,
            defaults={
                "kind": data.kind,
                "stem": data.stem,
                "explanation": data.explanation,
                "tags": data.tags,
                "position": position,
                "is_active": True,
            },
        )
        if {p.pk for p in question.provisions.all()} != {p.pk for p in data.provisions}:
            question.provisions = data.provisions
            question.save()
        existing = list(question.choices.order_by("position"))
        for choice_position, (text, right) in enumerate(data.choices):
            values = {"text": text, "is_correct": right}
            if choice_position < len(existing):
                Choice.objects.filter(pk=existing[choice_position].pk).update(**values)
            else:
                Choice.objects.create(
                    question=question, position=choice_position, **values
                )
        for extra in existing[len(data.choices) :]:
            extra.delete()
    bank.questions.exclude(key__in=[data.key for data in questions]).update(
        is_active=False
    )
    return bank


@transaction.atomic
def sync_course_quiz(
    *,
    course,
    bank: QuestionBank,
    settings: Mapping,
    extra_draws: Sequence[tuple[str, int]] = (),
) -> Quiz:
    """Give the course the quiz its source describes, drawing further from the same bank.

    settings: Quiz field values; without `answers_shown`, an exam keeps its answers
    until the last attempt and a practice quiz shows them after each one. Raises
    ValidationError, writing nothing, when the quiz would break a rule.
    """
    values = dict(settings)
    if not values.get("answers_shown"):
        values["answers_shown"] = (
            AnswersShown.AFTER_LAST_ATTEMPT
            if Quiz(**values).is_exam
            else AnswersShown.AFTER_EACH_ATTEMPT
        )
    Quiz(**values).clean()
    quiz, __ = Quiz.objects.update_or_create(
        course=course, defaults={"bank": bank, **values}
    )
    quiz.extra_draws.all().delete()
    QuizDraw.objects.bulk_create(
        QuizDraw(quiz=quiz, bank=bank, tag=tag, count=count)
        for tag, count in extra_draws
    )
    active = bank.questions.active()
    pools = [(active.ids_tagged(quiz.tags), quiz.draw)] + [
        (active.ids_tagged([tag] if tag else []), count) for tag, count in extra_draws
    ]
    if rules.draw_shortfalls(pools):
        raise ValidationError(TOO_FEW_QUESTIONS, code=rules.TOO_FEW_QUESTIONS)
    return quiz


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
    refusal = rules.window_refusal(
        opens_at=quiz.opens_at, closes_at=quiz.closes_at, now=now
    )
    if refusal:
        raise ValidationError(WINDOW_REFUSALS[refusal], code=refusal)
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
            raise ValidationError(TOO_FEW_QUESTIONS, code=rules.TOO_FEW_QUESTIONS)
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
