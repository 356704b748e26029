"""Where the signed-in person stands, for the course and lesson pages.

The page models know nothing of progress: their templates ask these tags.
"""

from django import template
from django.utils import timezone

from citylearn.assignments.selectors import assignment_of
from citylearn.core.sessions import signed_in_user
from citylearn.progress.selectors import (
    course_state,
    lesson_checkpoints,
    lessons_with_state,
)
from citylearn.quizzes.sheets import marked_sheet

register = template.Library()


@register.simple_tag(takes_context=True)
def course_progress(context, course) -> dict:
    """The learner, their CourseState and their assignment of the course, if any."""
    user = signed_in_user(context["request"])
    return {
        "learner": user,
        "state": course_state(course=course, user=user),
        "assignment": user
        and assignment_of(user=user, course=course, today=timezone.localdate()),
    }


@register.simple_tag(takes_context=True)
def lesson_progress(context, lesson) -> dict:
    """The learner and whether they have completed the lesson."""
    user = signed_in_user(context["request"])
    return {
        "learner": user,
        "is_completed": user is not None
        and lesson.completions.filter(user=user).exists(),
    }


@register.simple_tag(takes_context=True)
def lessons_not_completed(context, course) -> list:
    """The course's required lessons the signed-in learner has not completed, in order."""
    user = signed_in_user(context["request"])
    return list(
        lessons_with_state(course=course, user=user).filter(
            required=True, is_completed=False
        )
    )


@register.simple_tag(takes_context=True)
def checkpoints_of(context, lesson) -> list[dict]:
    """The lesson's checkpoint questions as forms, each passed or not by the learner."""
    user = signed_in_user(context["request"])
    checkpoints = lesson_checkpoints(lesson=lesson, user=user)
    sheet = marked_sheet([checkpoint.question for checkpoint in checkpoints])
    return [
        {"number": c.number, "passed": c.passed, "question": question}
        for c, question in zip(checkpoints, sheet, strict=True)
    ]
