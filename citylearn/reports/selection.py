"""What the dashboard shows a viewer for its filters: one reading, for page and exports."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from citylearn.access.permissions import Scope, read_scope
from citylearn.assignments.selectors import visible_assignments
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import departments_in
from citylearn.reports.forms import DashboardFilterForm
from citylearn.reports.selectors import AssignmentFilter, dashboard_people


@dataclass
class DashboardSelection:
    form: DashboardFilterForm
    scope: Scope
    tops: list[Department]
    node: Department | None
    assignments: AssignmentFilter
    people_sort: str

    @property
    def subtrees(self) -> list[Department]:
        return [self.node] if self.node is not None else self.tops

    def people(self, today: datetime.date) -> QuerySet[StaffProfile]:
        """The people the page lists, all of them, in the page's order."""
        return dashboard_people(
            subtrees=self.subtrees,
            today=today,
            assignments=self.assignments,
            order=self.people_sort,
        )


def _top_departments(scope: Scope) -> list[Department]:
    if scope.everything:
        return list(Department.get_root_nodes())
    return list(Department.objects.filter(path__in=scope.paths))


def dashboard_selection(user, params: QueryDict) -> DashboardSelection:
    """The viewer's departments and filters; invalid filters are ignored, as the page does."""
    scope = read_scope(user)
    form = DashboardFilterForm(
        params or None,
        departments=departments_in(scope),
        assignments=visible_assignments(user),
    )
    valid = form.is_valid()
    data = form.cleaned_data if valid else {}
    tops = _top_departments(scope)
    return DashboardSelection(
        form=form,
        scope=scope,
        tops=tops,
        node=data.get("department") or (tops[0] if len(tops) == 1 else None),
        assignments=form.assignment_filter() if valid else AssignmentFilter(),
        people_sort=data.get("people_sort", ""),
    )
