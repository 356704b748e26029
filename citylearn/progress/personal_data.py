"""The person's courses, completed lessons and courses, and credit hours, for "My data"."""

from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.progress.models import (
    CheckpointPass,
    CourseCompletion,
    Enrolment,
    LessonCompletion,
)

ONE_DECIMAL = Decimal("0.1")


def _enrolments(user) -> list[dict[str, Any]]:
    return [
        {
            "course": enrolment.course.title,
            "started_at": enrolment.started_at,
            "last_lesson": enrolment.last_lesson.title
            if enrolment.last_lesson
            else None,
            "last_visited_at": enrolment.last_visited_at,
        }
        for enrolment in Enrolment.objects.filter(user=user)
        .select_related("course", "last_lesson")
        .order_by("started_at", "pk")
    ]


def _lesson_completions(user) -> list[dict[str, Any]]:
    return [
        {
            "course": completion.course.title,
            "lesson": completion.lesson.title,
            "completed_at": completion.completed_at,
        }
        for completion in LessonCompletion.objects.filter(user=user)
        .select_related("course", "lesson")
        .order_by("completed_at", "pk")
    ]


def _checkpoint_passes(user) -> list[dict[str, Any]]:
    return [
        {
            "lesson": passed.lesson.title,
            "question": passed.question.key,
            "passed_at": passed.passed_at,
        }
        for passed in CheckpointPass.objects.filter(user=user)
        .select_related("lesson", "question")
        .order_by("passed_at", "pk")
    ]


def _course_completions(user) -> list[dict[str, Any]]:
    return [
        {
            "course": completion.course.title,
            "completed_at": completion.completed_at,
            "year": completion.year,
            "credit_hours": completion.credit_hours,
        }
        for completion in CourseCompletion.objects.filter(user=user)
        .select_related("course")
        .order_by("completed_at", "pk")
    ]


def _credit_hours(user) -> list[dict[str, Any]]:
    yearly = (
        CourseCompletion.objects.filter(user=user)
        .values("year")
        .annotate(total=Sum("credit_hours"))
        .order_by("-year")
    )
    # Written like the completions' hours: SQLite sums 2.0 and 0.0 to 2.
    return [
        {"year": row["year"], "credit_hours": row["total"].quantize(ONE_DECIMAL)}
        for row in yearly
    ]


register(
    Section(
        "enrolments",
        _("Courses you started"),
        _enrolments,
        {
            "course": _("Course"),
            "started_at": _("Started"),
            "last_lesson": _("Last lesson opened"),
            "last_visited_at": _("Last visited at"),
        },
        models=(Enrolment,),
    )
)
register(
    Section(
        "lesson_completions",
        _("Lessons you completed"),
        _lesson_completions,
        {
            "course": _("Course"),
            "lesson": _("Lesson"),
            "completed_at": _("Completed at"),
        },
        models=(LessonCompletion,),
    )
)
register(
    Section(
        "checkpoint_passes",
        _("Checkpoint questions you answered right"),
        _checkpoint_passes,
        {
            "lesson": _("Lesson"),
            "question": _("Question"),
            "passed_at": _("Answered at"),
        },
        models=(CheckpointPass,),
    )
)
register(
    Section(
        "course_completions",
        _("Courses you completed"),
        _course_completions,
        {
            "course": _("Course"),
            "completed_at": _("Completed at"),
            "year": _("Counts for year"),
            "credit_hours": _("Credit hours"),
        },
        models=(CourseCompletion,),
    )
)
# No model of its own: the completions above summed per year, as the annual target
# counts them.
register(
    Section(
        "credit_hours",
        _("Credit hours per year"),
        _credit_hours,
        {"year": _("Year"), "credit_hours": _("Credit hours")},
    )
)
