"""The courses assigned to the person, for "My data"."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.assignments.models import AssignedPerson, AssignmentChange
from citylearn.assignments.selectors import assignments_of


def _assignments(user) -> list[dict[str, Any]]:
    return [
        {
            "course": assigned.assignment.course.title,
            "assigned_at": assigned.assignment.created_at,
            "due_on": assigned.due_on,
            "status": assigned.status_label,
        }
        for assigned in assignments_of(user=user, today=timezone.localdate())
    ]


def _changes_for_you(user) -> list[dict[str, Any]]:
    return [
        {
            "course": change.assignment.course.title,
            "change": change.get_kind_display(),
            "old_due_on": change.old_due_on,
            "new_due_on": change.new_due_on,
            "reason": change.reason,
            "changed_at": change.changed_at,
        }
        for change in AssignmentChange.objects.filter(person=user).select_related(
            "assignment__course"
        )
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
register(
    Section(
        "assignment_changes",
        _("Changes made to your assignments"),
        _changes_for_you,
        {
            "course": _("Course"),
            "change": _("Change"),
            "old_due_on": _("Old due date"),
            "new_due_on": _("New due date"),
            "reason": _("Reason"),
            "changed_at": _("Changed at"),
        },
        models=(AssignmentChange,),
    )
)
