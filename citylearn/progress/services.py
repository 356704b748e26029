"""Recording progress. Every function here may be called twice with the same effect."""

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.core.events import send_after_commit
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.progress.models import (
    CheckpointPass,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
)
from citylearn.progress.selectors import checkpoints_passed, has_met_course_requirements
from citylearn.progress.signals import course_completed
from citylearn.quizzes.models import Attempt, Question
from citylearn.quizzes.selectors import checkpoint_questions
from citylearn.quizzes.sheets import is_right

COURSE_NOT_LIVE = _("This course is not published.")
LESSON_NOT_LIVE = _("This lesson is not published.")
CHECKPOINTS_FIRST = _(
    "This lesson is completed by answering its checkpoint questions right."
)
CHECKPOINTS_FIRST_CODE = "checkpoints_first"
NOT_A_CHECKPOINT = _("This question is not one of the lesson's checkpoints.")


def start_course(*, user: AbstractBaseUser, course: CoursePage) -> Enrolment:
    """Enrol the learner in the course; a second start returns the first enrolment."""
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    enrolment, __ = Enrolment.objects.get_or_create(user=user, course=course)
    return enrolment


def _enrol_and_lock(*, user: AbstractBaseUser, course: CoursePage) -> Enrolment:
    enrolment, __ = Enrolment.objects.get_or_create(user=user, course=course)
    # A learner's progress on a course changes one transaction at a time: otherwise two
    # last steps taken at once (two tabs, or a lesson and the quiz) would each miss the
    # other and the course would never be recorded as completed.
    return Enrolment.objects.select_for_update().get(pk=enrolment.pk)


def record_lesson_visit(*, user: AbstractBaseUser, lesson: LessonPage) -> None:
    """Remember the lesson as where an enrolled learner left off; enrols nobody."""
    Enrolment.objects.filter(user=user, course_id=lesson.course.pk).exclude(
        last_lesson=lesson
    ).update(last_lesson=lesson, last_visited_at=timezone.now())


@transaction.atomic
def complete_lesson(*, user: AbstractBaseUser, lesson: LessonPage) -> LessonCompletion:
    """Record the lesson as completed (once) and complete the course if that was all."""
    if not lesson.live:
        raise ValidationError(LESSON_NOT_LIVE)
    course = lesson.course
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    if course.completes_by_checkpoints() and not checkpoints_passed(
        user=user,
        questions=checkpoint_questions(course=course, keys=lesson.checkpoints),
    ):
        raise ValidationError(CHECKPOINTS_FIRST, code=CHECKPOINTS_FIRST_CODE)
    enrolment = _enrol_and_lock(user=user, course=course)
    if enrolment.last_lesson_id != lesson.pk:
        enrolment.last_lesson = lesson
        enrolment.last_visited_at = timezone.now()
        enrolment.save(update_fields=["last_lesson", "last_visited_at"])
    completion, created = LessonCompletion.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course}
    )
    if created:
        complete_course_if_done(user=user, course=course)
    return completion


@transaction.atomic
def answer_checkpoint(
    *, user: AbstractBaseUser, lesson: LessonPage, question: Question, picked: set[int]
) -> bool:
    """Mark an answer to one of the lesson's checkpoints; True if it is right.

    A right answer is recorded once, however often it is sent. In a course completed by
    checkpoints, the last one passed completes the lesson, and the course if that was
    all, through complete_lesson: its lock on the enrolment makes that happen once.
    """
    if not lesson.live:
        raise ValidationError(LESSON_NOT_LIVE)
    course = lesson.course
    if not course.live:
        raise ValidationError(COURSE_NOT_LIVE)
    questions = checkpoint_questions(course=course, keys=lesson.checkpoints)
    if question.pk not in {q.pk for q in questions}:
        raise ValidationError(NOT_A_CHECKPOINT)
    if not is_right(question, picked):
        return False
    CheckpointPass.objects.get_or_create(
        user=user, question=question, defaults={"lesson": lesson}
    )
    if course.completes_by_checkpoints() and checkpoints_passed(
        user=user, questions=questions
    ):
        complete_lesson(user=user, lesson=lesson)
    return True


@transaction.atomic
def complete_course_if_done(
    *, user: AbstractBaseUser, course: CoursePage
) -> CourseCompletion | None:
    """Record the course as completed (once) when its rule is met; None while it is not.

    The first recording sends course_completed, after the transaction commits.
    """
    _enrol_and_lock(user=user, course=course)
    if not has_met_course_requirements(user=user, course=course):
        return None
    now = timezone.now()
    completed_on = timezone.localdate(now)
    completion, created = CourseCompletion.objects.get_or_create(
        user=user,
        course=course,
        defaults={
            "completed_at": now,
            "completed_on": completed_on,
            "year": completed_on.year,
            "credit_hours": course.credit_hours,
        },
    )
    if created:
        send_after_commit(
            course_completed, sender=CourseCompletion, completion=completion
        )
    return completion


def complete_courses_of_recent_passes(*, since: datetime) -> int:
    """Record the completions that a lost quiz_passed missed; returns how many it found."""
    recorded = CourseCompletion.objects.filter(
        user=OuterRef("user"), course=OuterRef("quiz__course")
    )
    pending = (
        Attempt.objects.graded()
        .filter(passed=True, graded_at__gte=since)
        .exclude(Exists(recorded))
        .values_list("user", "quiz__course")
        .distinct()
    )
    completed = 0
    for user_id, course_id in pending:
        course = CoursePage.objects.get(pk=course_id)
        user = get_user_model().objects.get(pk=user_id)
        if complete_course_if_done(user=user, course=course):
            completed += 1
    return completed
