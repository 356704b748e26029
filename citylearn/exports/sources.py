"""The pages that can be exported: each is read through the page's own selector.

An export holds what the page lists for the same GET parameters, all pages of it, as
one row per person with the page's figures; quiz answers are never part of it.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice

from django.db.models import QuerySet
from django.forms import Form
from django.http import QueryDict
from django.utils.translation import gettext as _

from citylearn.access.permissions import Scope, read_scope
from citylearn.exports.enums import ExportSource
from citylearn.organisation.forms import PeopleFilterForm
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import departments_in
from citylearn.reports.selection import dashboard_selection
from citylearn.reports.selectors import AssignmentFilter, people_figures

# People read and given their figures per batch: three queries each, whatever its size.
BATCH = 1000


class FiltersRefused(Exception):
    """The page's filters are not valid: an export of them would not be what was asked."""

    def __init__(self, form: Form):
        super().__init__(form.errors.as_json())
        self.form = form


@dataclass(frozen=True)
class Selection:
    source: str
    people: QuerySet[StaffProfile]
    assignments: AssignmentFilter
    filters: dict[str, str]
    department_id: int | None
    paths: list[str]


def _filters(form: Form, params: QueryDict) -> dict[str, str]:
    # Only the form's own fields: the page number or stray parameters change nothing.
    return {name: params[name] for name in form.fields if params.get(name)}


def _scope_paths(scope: Scope) -> list[str]:
    if scope.everything:
        return list(Department.get_root_nodes().values_list("path", flat=True))
    return list(scope.paths)


def _dashboard(user, params: QueryDict, today: datetime.date) -> Selection:
    selection = dashboard_selection(user, params)
    if selection.form.is_bound and not selection.form.is_valid():
        raise FiltersRefused(selection.form)
    return Selection(
        source=ExportSource.DASHBOARD,
        people=selection.people(today),
        assignments=selection.assignments,
        filters=_filters(selection.form, params),
        department_id=selection.node.pk if selection.node else None,
        paths=[department.path for department in selection.subtrees],
    )


def _people(user, params: QueryDict, today: datetime.date) -> Selection:
    scope = read_scope(user)
    form = PeopleFilterForm(params or None, departments=departments_in(scope))
    if form.is_bound and not form.is_valid():
        raise FiltersRefused(form)
    department = form.cleaned_data.get("department") if form.is_bound else None
    return Selection(
        source=ExportSource.PEOPLE,
        people=form.people(user),
        assignments=AssignmentFilter(),
        filters=_filters(form, params),
        department_id=department.pk if department else None,
        paths=[department.path] if department else _scope_paths(scope),
    )


SOURCES = {ExportSource.DASHBOARD: _dashboard, ExportSource.PEOPLE: _people}


def select(source: str, *, user, params: QueryDict, today: datetime.date) -> Selection:
    """What the page `source` lists for the user and params; FiltersRefused if invalid."""
    return SOURCES[source](user, params, today)


def covers(scope: Scope, paths: list[str]) -> bool:
    """Whether every subtree an export covers is still inside the scope."""
    return scope.everything or all(path.startswith(scope.paths) for path in paths)


def header() -> list[str]:
    return [
        _("Name"),
        _("Employee id"),
        _("Department"),
        _("Department code"),
        _("Position"),
        _("Active"),
        _("Assigned"),
        _("Completed on time"),
        _("Completed late"),
        _("In progress"),
        _("Not started"),
        _("Overdue"),
        _("Credit hours this year"),
    ]


def _row(profile: StaffProfile) -> list:
    figures = profile.figures
    return [
        profile.name,
        profile.employee_id,
        profile.department.name,
        profile.department.code,
        profile.position,
        _("yes") if profile.is_active else _("no"),
        figures.assigned,
        figures.completed_on_time,
        figures.completed_late,
        figures.in_progress,
        figures.not_started,
        figures.overdue,
        # One decimal, as credit hours are set, whatever the database's sum gives.
        figures.hours_earned.quantize(Decimal("0.1")),
    ]


def batches(people: QuerySet[StaffProfile]) -> Iterator[list[StaffProfile]]:
    """The people in order, a batch at a time, streamed from the database."""
    rows = people.iterator(chunk_size=BATCH)
    while batch := list(islice(rows, BATCH)):
        yield batch


def rows(
    selection: Selection,
    *,
    today: datetime.date,
    exported: list[tuple[int, str]],
    progress=None,
) -> Iterator[list]:
    """The header, then a row per person; each is added to `exported` (id, label).

    `progress(count)` is called after each batch with the rows written so far.
    """
    yield header()
    for batch in batches(selection.people):
        people_figures(batch, today=today, assignments=selection.assignments)
        for profile in batch:
            yield _row(profile)
        # Only what the audit log needs, not the whole profile, is kept.
        exported.extend((p.user_id, f"{p.employee_id} {p.name}") for p in batch)
        if progress is not None:
            progress(len(exported))
