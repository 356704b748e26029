"""Reading progress. Each function is a fixed number of queries, whatever the data size."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from citylearn.courses.models import CoursePage, LessonPage
from citylearn.progress.models import (
    CheckpointPass,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
)
from citylearn.quizzes.models import Question
from citylearn.quizzes.selectors import checkpoint_questions, has_passed_quiz


def _count(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of a correlated queryset, as an annotation."""
    counted = queryset.order_by().annotate(n=Func(F("pk"), function="COUNT"))
    return Coalesce(
        Subquery(counted.values("n")[:1]), Value(0), output_field=IntegerField()
    )


def required_lessons(course: CoursePage) -> QuerySet[LessonPage]:
    return LessonPage.objects.child_of(course).live().filter(required=True)


def has_met_course_requirements(*, user: AbstractBaseUser, course: CoursePage) -> bool:
    """Every required lesson completed and the final quiz (if any) passed."""
    lesson_missing = (
        required_lessons(course)
        .exclude(
            Exists(LessonCompletion.objects.filter(user=user, lesson=OuterRef("pk")))
        )
        .exists()
    )
    if lesson_missing:
        return False
    if course.completes_by_checkpoints():
        # A lesson read before the course changed its rule still needs its checkpoints.
        keys = [
            key for lesson in required_lessons(course) for key in lesson.checkpoints
        ]
        if not checkpoints_passed(
            user=user, questions=checkpoint_questions(course=course, keys=keys)
        ):
            return False
    quiz = course.final_quiz
    return quiz is None or has_passed_quiz(user=user, quiz=quiz)


def checkpoints_passed(*, user: AbstractBaseUser, questions: list[Question]) -> bool:
    """Whether the learner has answered every one of these checkpoint questions right."""
    if not questions:
        return True
    passed = CheckpointPass.objects.filter(user=user, question__in=questions).count()
    return passed == len(questions)


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint question of a lesson, and whether this learner has passed it."""

    number: int
    question: Question
    passed: bool


def lesson_checkpoints(
    *, lesson: LessonPage, user: AbstractBaseUser | None
) -> list[Checkpoint]:
    """The lesson's checkpoint questions in its order, each passed or not by the learner."""
    questions = checkpoint_questions(course=lesson.course, keys=lesson.checkpoints)
    passed = set()
    if user is not None and questions:
        passed = set(
            CheckpointPass.objects.filter(
                user=user, question__in=questions
            ).values_list("question_id", flat=True)
        )
    return [
        Checkpoint(number=number, question=question, passed=question.pk in passed)
        for number, question in enumerate(questions, start=1)
    ]


def lessons_with_state(*, course: CoursePage, user: AbstractBaseUser | None):
    """The course's live lessons in order, each with is_completed for this learner."""
    lessons = LessonPage.objects.child_of(course).live()
    if user is None:
        return lessons.annotate(is_completed=Value(False))
    return lessons.annotate(
        is_completed=Exists(
            LessonCompletion.objects.filter(user=user, lesson=OuterRef("pk"))
        )
    )


def enrolments_in_progress(*, user: AbstractBaseUser) -> QuerySet[Enrolment]:
    """Started, not completed courses, last visited first, with required lessons done/total."""
    course_lessons = LessonPage.objects.live().filter(
        required=True,
        path__startswith=OuterRef("course__path"),
        depth=OuterRef("course__depth") + 1,
    )
    done = LessonCompletion.objects.filter(
        user=OuterRef("user"),
        course=OuterRef("course"),
        lesson__live=True,
        lesson__required=True,
    )
    completed = CourseCompletion.objects.filter(
        user=OuterRef("user"), course=OuterRef("course")
    )
    return (
        Enrolment.objects.filter(user=user, course__live=True)
        .exclude(Exists(completed))
        .annotate(required_total=_count(course_lessons), required_done=_count(done))
        .select_related("course", "last_lesson")
        .order_by("-last_visited_at")
    )


def course_completions(*, user: AbstractBaseUser) -> QuerySet[CourseCompletion]:
    """The learner's completed courses, latest first, with their certificates."""
    return (
        CourseCompletion.objects.filter(user=user)
        .select_related("course", "certificate")
        .order_by("-completed_at")
    )


def valid_certificates(completions) -> list:
    """The certificates, not revoked, of completions loaded by course_completions."""
    return [
        certificate
        for completion in completions
        if (certificate := getattr(completion, "certificate", None))
        and not certificate.is_revoked
    ]


@dataclass(frozen=True)
class YearOfHours:
    """One calendar year of a learner's credit hours, with the completions that earned them."""

    year: int
    total: Decimal
    completions: list[CourseCompletion]


def credit_hour_history(completions) -> list[YearOfHours]:
    """Completions (latest first, as course_completions gives them) grouped by year."""
    years: dict[int, list[CourseCompletion]] = {}
    for completion in completions:
        years.setdefault(completion.year, []).append(completion)
    return [
        YearOfHours(
            year=year,
            total=sum((c.credit_hours for c in done), Decimal(0)),
            completions=done,
        )
        for year, done in years.items()
    ]


@dataclass(frozen=True)
class CreditHours:
    year: int
    earned: Decimal
    target: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.target - self.earned, Decimal(0))

    @property
    def percent(self) -> int:
        if not self.target:
            return 100
        return min(int(self.earned * 100 / self.target), 100)


def annual_credit_hours_target(*, user: AbstractBaseUser) -> Decimal:
    """The hours a person should earn in a calendar year."""
    return Decimal(settings.ANNUAL_CREDIT_HOURS_TARGET)


def credit_hours(*, user: AbstractBaseUser, year: int | None = None) -> CreditHours:
    """Hours earned by completions in the calendar year (default: this one) against the target."""
    year = year or timezone.localdate().year
    earned = CourseCompletion.objects.filter(user=user, year=year).aggregate(
        total=Sum("credit_hours")
    )["total"]
    return CreditHours(
        year=year,
        earned=earned or Decimal(0),
        target=annual_credit_hours_target(user=user),
    )


@dataclass(frozen=True)
class CourseState:
    """Where one learner stands in one course."""

    lessons: list[LessonPage]
    enrolment: Enrolment | None
    completion: CourseCompletion | None
    required_total: int
    required_done: int
    resume_lesson: LessonPage | None
    quiz_passed: bool


def course_state(*, course: CoursePage, user: AbstractBaseUser | None) -> CourseState:
    """The course's lessons with this learner's state, and the lesson to continue with."""
    lessons = list(lessons_with_state(course=course, user=user))
    enrolment = completion = None
    if user is not None:
        enrolment = Enrolment.objects.filter(user=user, course=course).first()
        completion = (
            CourseCompletion.objects.filter(user=user, course=course)
            .select_related("certificate")
            .first()
        )
    required = [lesson for lesson in lessons if lesson.required]
    return CourseState(
        lessons=lessons,
        enrolment=enrolment,
        completion=completion,
        required_total=len(required),
        required_done=sum(lesson.is_completed for lesson in required),
        resume_lesson=_resume_lesson(lessons, enrolment),
        quiz_passed=(
            user is not None
            and course.final_quiz is not None
            and has_passed_quiz(user=user, quiz=course.final_quiz)
        ),
    )


def _resume_lesson(lessons, enrolment) -> LessonPage | None:
    """The lesson opened last; else the first not completed; else the first."""
    if enrolment is not None:
        for lesson in lessons:
            if lesson.pk == enrolment.last_lesson_id:
                return lesson
    return next(
        (lesson for lesson in lessons if not lesson.is_completed), None
    ) or next(iter(lessons), None)
