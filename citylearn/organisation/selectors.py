"""Reads over the department tree and the roster, always through a scope."""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext

from citylearn.access.enums import Role
from citylearn.access.permissions import Scope, read_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import Department, RoleAssignment, StaffProfile


def people_visible_to(user) -> QuerySet[StaffProfile]:
    """Staff the user may see: their heads' and officers' subtrees, or all for admins."""
    return StaffProfile.objects.filter(read_scope(user).q()).select_related(
        "department", "user"
    )


def people_listed(
    user, *, department: Department | None = None, term: str = ""
) -> QuerySet[StaffProfile]:
    """The people list: staff in the user's scope, narrowed, in tree order."""
    staff = people_visible_to(user)
    if department is not None:
        staff = staff.filter(department__path__startswith=department.path)
    if term:
        staff = staff.filter(Q(name__icontains=term) | Q(employee_id__icontains=term))
    return staff.order_by("department__path", "employee_id")


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
    for path, count in own.items():
        for ancestor in ancestor_paths(path):
            below[ancestor] = below.get(ancestor, 0) + count
    departments = list(departments_in(scope))
    for department in departments:
        department.headcount = below.get(department.path, 0)
        department.own_headcount = own.get(department.path, 0)
    return departments


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
    # A Chinese input method types "Ａ１" for A1, as DepartmentField also accepts;
    # PostgreSQL refuses a NUL in a query, and nobody's name or id contains one.
    term = unicodedata.normalize("NFKC", term).replace("\x00", "").strip()
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


RECORD_VIEWS = (AuditAction.PERSON_VIEWED, AuditAction.EXPORT)


@dataclass(frozen=True)
class RecordViewing:
    """One view or export of a person's records, with who did it as they are now."""

    entry: AuditEntry
    # None when the account no longer exists.
    roles: list[str] | None
    department: str


def record_viewings_of(user) -> QuerySet[AuditEntry]:
    """The audited views and exports of the person's records by anybody else."""
    return AuditEntry.objects.filter(target_user=user, action__in=RECORD_VIEWS).exclude(
        actor_id=user.pk
    )


def record_viewings(user, *, limit: int) -> list[RecordViewing]:
    """The latest views and exports of the person's records, with the role and
    department of each viewer: four queries, however many viewers."""
    entries = list(record_viewings_of(user).order_by("-at", "-pk")[:limit])
    actor_ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    administrators = dict(
        get_user_model()
        .objects.filter(pk__in=actor_ids)
        .values_list("pk", "is_superuser")
    )
    roles: dict[int, list[str]] = {}
    for user_id, role, name in (
        RoleAssignment.objects.filter(user_id__in=actor_ids)
        .order_by("role", "department__path")
        .values_list("user_id", "role", "department__name")
    ):
        roles.setdefault(user_id, []).append(f"{Role(role).label}（{name}）")
    departments = dict(
        StaffProfile.objects.filter(user_id__in=actor_ids).values_list(
            "user_id", "department__name"
        )
    )
    viewings = []
    for entry in entries:
        if entry.actor_id not in administrators:
            held = None
        else:
            held = roles.get(entry.actor_id, [])
            if administrators[entry.actor_id]:
                held = [gettext("Administrator"), *held]
        viewings.append(
            RecordViewing(
                entry=entry,
                roles=held,
                department=departments.get(entry.actor_id, ""),
            )
        )
    return viewings
