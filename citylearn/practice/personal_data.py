"""The person's daily practice for "My data": schedule, sets and answers."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.practice.models import Card, DailySet, PracticeAnswer


def _sets(user) -> list[dict[str, Any]]:
    return [
        {"day": row.day, "completed_at": row.completed_at}
        for row in DailySet.objects.filter(user=user).order_by("day")
    ]


def _answers(user) -> list[dict[str, Any]]:
    return [
        {
            "day": answer.day,
            "question": str(answer.question),
            "is_correct": answer.is_correct,
            "answered_at": answer.answered_at,
        }
        for answer in PracticeAnswer.objects.filter(user=user)
        .select_related("question__bank")
        .order_by("answered_at", "pk")
    ]


def _cards(user) -> list[dict[str, Any]]:
    return [
        {"question": str(card.question), "box": card.box, "due_on": card.due_on}
        for card in Card.objects.filter(user=user)
        .select_related("question__bank")
        .order_by("due_on", "pk")
    ]


register(
    Section(
        "practice_sets",
        _("Daily practice sets"),
        _sets,
        {"day": _("Day"), "completed_at": _("Completed at")},
        models=(DailySet,),
    )
)
register(
    Section(
        "practice_answers",
        _("Daily practice answers"),
        _answers,
        {
            "day": _("Day"),
            "question": _("Question"),
            "is_correct": _("Correct"),
            "answered_at": _("Answered at"),
        },
        models=(PracticeAnswer,),
    )
)
register(
    Section(
        "practice_schedule",
        _("Daily practice schedule"),
        _cards,
        {"question": _("Question"), "box": _("Box"), "due_on": _("Due on")},
        models=(Card,),
    )
)
