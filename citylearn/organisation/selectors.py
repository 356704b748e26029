"""Reads over the department tree and the roster, always through a scope."""

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
