"""Reads over the department tree and the roster, always through a scope."""

from django.db.models import Count, QuerySet

from citylearn.access.permissions import Scope, read_scope
from citylearn.organisation.models import Department, StaffProfile


def people_visible_to(user) -> QuerySet[StaffProfile]:
    """Staff the user may see: their heads' and officers' subtrees, or all for admins."""
    return StaffProfile.objects.filter(read_scope(user).q()).select_related(
        "department", "user"
    )


def departments_in(scope: Scope) -> QuerySet[Department]:
    return Department.objects.filter(scope.q("path"))


def departments_with_headcount(scope: Scope) -> list[Department]:
    """Departments in scope, each with the active staff of its whole subtree.

    Two queries: active staff counted per department in one GROUP BY, then each
    count added to the department's ancestors by their path prefixes, in one pass
    over the departments (a few hundred), never over people.
    """
    own = dict(
        StaffProfile.objects.filter(scope.q(), is_active=True)
        .values("department__path")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("department__path", "n")
    )
    below: dict[str, int] = {}
    step = Department.steplen
    for path, count in own.items():
        for end in range(step, len(path) + 1, step):
            below[path[:end]] = below.get(path[:end], 0) + count
    departments = list(departments_in(scope))
    for department in departments:
        department.headcount = below.get(department.path, 0)
        department.own_headcount = own.get(department.path, 0)
    return departments
