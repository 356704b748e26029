"""The courses assigned to the person, for "My data"."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.assignments.models import AssignedPerson
from citylearn.assignments.selectors import assignments_of


def _assignments(user) -> list[dict[str, Any]]:
    return [
        {
            "course": assigned.assignment.course.title,
            "assigned_at": assigned.assignment.created_at,
            "due_on": assigned.assignment.due_on,
            "status": assigned.status_label,
        }
        for assigned in assignments_of(user=user, today=timezone.localdate())
    ]


register(
    Section(
        "assignments",
        _("Courses assigned to you"),
        _assignments,
        {
            "course": _("Course"),
            "assigned_at": _("Assigned at"),
            "due_on": _("Due on"),
            "status": _("Status"),
        },
        models=(AssignedPerson,),
    )
)
