"""A roster plan as the rows of a complete change list, for download."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from citylearn.organisation.enums import RosterChangeKind
from citylearn.organisation.imports.planning import RosterPlan


def change_list(plan: RosterPlan) -> Iterator[list]:
    """A header, then one row per person the plan would create, change or miss."""
    yield [
        _("Change"),
        _("Row"),
        _("Employee id"),
        _("Name"),
        _("Department code"),
        _("Old → new"),
    ]
    for person in plan.people:
        if person.kind != RosterChangeKind.UNCHANGED:
            yield [
                person.kind.label,
                person.row,
                person.employee_id,
                person.name,
                person.department_code,
                "; ".join(
                    f"{change.label}: {change.old} → {change.new}"
                    for change in person.changes
                ),
            ]
    for label, departures in (
        (_("Missing from the file"), plan.departures),
        (_("Missing from the file but left active"), plan.kept),
    ):
        for departure in departures:
            yield [
                label,
                "",
                departure.employee_id,
                departure.name,
                departure.department_code,
                "",
            ]
