"""The courses assigned to the person, for "My data"."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.assignments.models import AssignedPerson, AssignmentChange, LateReason
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


def _late_reasons(user) -> list[dict[str, Any]]:
    return [
        {
            "course": reason.assigned.assignment.course.title,
            "reason": reason.get_kind_display(),
            "text": reason.text,
            "committed_on": reason.committed_on,
            "given_at": reason.given_at,
        }
        for reason in LateReason.objects.filter(assigned__user=user).select_related(
            "assigned__assignment__course"
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
register(
    Section(
        "late_reasons",
        _("Your reasons for being late"),
        _late_reasons,
        {
            "course": _("Course"),
            "reason": _("Reason"),
            "text": _("In a few words"),
            "committed_on": _("Will complete by"),
            "given_at": _("Given at"),
        },
    )
)
