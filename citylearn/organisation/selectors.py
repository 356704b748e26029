"""Reads over the department tree and the roster, always through a scope."""

from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from citylearn.access.permissions import Scope, read_scope
from citylearn.organisation.models import Department, StaffProfile


def people_visible_to(user) -> QuerySet[StaffProfile]:
    """Staff the user may see: their heads' and officers' subtrees, or all for admins."""
    return StaffProfile.objects.filter(read_scope(user).q()).select_related(
        "department", "user"
    )


def departments_in(scope: Scope) -> QuerySet[Department]:
    return Department.objects.filter(scope.q("path"))


def departments_with_headcount(scope: Scope) -> QuerySet[Department]:
    """Departments in scope, each with the active staff of its whole subtree.

    One query: a correlated subquery counts by materialised-path prefix, so a
    20,000-person district is counted by the database, not by Python.
    """
    subtree_count = (
        StaffProfile.objects.filter(
            is_active=True, department__path__startswith=OuterRef("path")
        )
        .order_by()
        # Grouping by a column the filter fixes gives exactly one row to count in.
        .values("is_active")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return departments_in(scope).annotate(
        headcount=Coalesce(Subquery(subtree_count, output_field=IntegerField()), 0),
        own_headcount=Count("staff", filter=Q(staff__is_active=True)),
    )


def ancestor_paths(path: str) -> list[str]:
    """The materialised paths of a department and of every department above it."""
    step = Department.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def credit_hours_targets(departments: Iterable[Department]) -> dict[int, Decimal]:
    """Each department's annual credit-hour target, in one query.

    A department's own value applies, else its nearest ancestor's, else
    settings.ANNUAL_CREDIT_HOURS_TARGET.
    """
    departments = list(departments)
    paths = {path for d in departments for path in ancestor_paths(d.path)}
    set_at = dict(
        Department.objects.filter(
            path__in=paths, credit_hours_target__isnull=False
        ).values_list("path", "credit_hours_target")
    )
    default = Decimal(settings.ANNUAL_CREDIT_HOURS_TARGET)
    targets = {}
    for department in departments:
        found = [set_at[p] for p in ancestor_paths(department.path) if p in set_at]
        targets[department.pk] = found[-1] if found else default
    return targets


def credit_hours_target_for(department: Department) -> Decimal:
    return credit_hours_targets([department])[department.pk]


def find_staff(scope: Scope, term: str, *, limit: int) -> list[StaffProfile]:
    """Active staff in scope matching a name, employee id or department; at most `limit`."""
    term = term.strip()
    if not term:
        return []
    return list(
        StaffProfile.objects.active()
        .filter(scope.q())
        .filter(
            Q(name__icontains=term)
            | Q(employee_id__iexact=term)
            | Q(department__code__iexact=term)
            | Q(department__name__icontains=term)
        )
        .select_related("department")
        .order_by("department__path", "employee_id")[:limit]
    )
