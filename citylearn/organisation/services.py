"""Writes to the department tree and to roles. Roster imports live in roster/."""

from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from treebeard.exceptions import InvalidMoveToDescendant

from citylearn.access.enums import Role
from citylearn.access.permissions import forget_role_summary, write_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.models import Department, RoleAssignment, StaffProfile
from citylearn.organisation.signals import staff_placed

DEPARTMENT_HAS_PEOPLE = "department_has_people"
MOVE_INTO_OWN_SUBTREE = "move_into_own_subtree"
OUTSIDE_SCOPE = "outside_scope"


def _department_detail(department: Department) -> dict:
    parent = department.get_parent()
    return {
        "code": department.code,
        "name": department.name,
        "parent": parent.code if parent else None,
    }


@transaction.atomic
def create_department(
    *,
    code: str,
    name: str,
    parent: Department | None = None,
    actor: AbstractBaseUser | None = None,
    actor_label: str = "",
) -> Department:
    """Add a department under `parent` (or as a root) and log it."""
    department = Department(code=code, name=name)
    department.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        department = Department.add_root(instance=department)
    else:
        # treebeard places the child from the parent's numchild: it must be current.
        parent.refresh_from_db()
        department = parent.add_child(instance=department)
    record(
        action=AuditAction.DEPARTMENT_CREATED,
        actor=actor,
        actor_label=actor_label,
        target_label=f"{department.code} {department.name}",
        detail=_department_detail(department),
    )
    return department


@transaction.atomic
def update_department(
    *,
    department: Department,
    name: str,
    parent: Department | None,
    actor: AbstractBaseUser | None = None,
    actor_label: str = "",
) -> Department:
    """Rename and/or move a department; its people and their records stay attached."""
    department.refresh_from_db()
    before = _department_detail(department)
    current_parent = department.get_parent()
    if name != department.name:
        department.name = name
        department.full_clean(exclude=["path", "depth", "numchild", "code"])
        department.save(update_fields=["name"])
    if (parent and parent.pk) != (current_parent and current_parent.pk):
        try:
            if parent is None:
                department.move(Department.get_first_root_node(), "last-sibling")
            else:
                department.move(parent, "last-child")
        except InvalidMoveToDescendant as error:
            raise ValidationError(
                _("A department cannot be moved under itself or one of its sections."),
                code=MOVE_INTO_OWN_SUBTREE,
            ) from error
        department.refresh_from_db()
        # Its people now sit in other subtrees: they may gain or lose assignments.
        staff_placed.send(
            sender=Department,
            user_ids=list(
                StaffProfile.objects.in_subtree(department).values_list(
                    "user_id", flat=True
                )
            ),
        )
    after = _department_detail(department)
    if after != before:
        record(
            action=AuditAction.DEPARTMENT_CHANGED,
            actor=actor,
            actor_label=actor_label,
            target_label=f"{department.code} {department.name}",
            detail={"before": before, "after": after},
        )
    return department


def delete_department(*, department: Department) -> None:
    """Delete a department and its sections, refused while anyone is attached to them."""
    try:
        with transaction.atomic():
            department.delete()
    except ProtectedError as error:
        raise ValidationError(
            _(
                "%(name)s cannot be deleted: people, roles or course assignments are "
                "attached to it or to one of its sections. Move or deactivate the "
                "people and roles first; assignments are kept as history, so a "
                "department that had any can be renamed or moved, not deleted."
            )
            % {"name": department.name},
            code=DEPARTMENT_HAS_PEOPLE,
        ) from error


@transaction.atomic
def grant_role(
    *,
    user: AbstractBaseUser,
    role: Role,
    department: Department,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> RoleAssignment:
    """Give `user` a role over `department`'s subtree; granting it again changes nothing."""
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, department=department
    )
    if created:
        forget_role_summary(user)
        record(
            action=AuditAction.ROLE_GRANTED,
            request=request,
            actor=actor,
            target_user=user,
            detail={"role": role, "department": department.code},
        )
    return assignment


@transaction.atomic
def revoke_role(
    *,
    assignment: RoleAssignment,
    actor: AbstractBaseUser | None = None,
    request: HttpRequest | None = None,
) -> None:
    """Withdraw one role assignment and log who withdrew it."""
    record(
        action=AuditAction.ROLE_REVOKED,
        request=request,
        actor=actor,
        target_user=assignment.user,
        detail={"role": assignment.role, "department": assignment.department.code},
    )
    assignment.delete()
    forget_role_summary(assignment.user)


@transaction.atomic
def set_credit_hours_target(
    *,
    department: Department,
    target: Decimal | None,
    actor: AbstractBaseUser,
    request: HttpRequest | None = None,
) -> Department:
    """Set (or, with None, clear) a subtree's annual credit-hour target and log it."""
    if not write_scope(actor).contains(department):
        raise ValidationError(
            _("%(name)s is outside the departments you manage.")
            % {"name": department.name},
            code=OUTSIDE_SCOPE,
        )
    before = department.credit_hours_target
    department.credit_hours_target = target
    department.full_clean(exclude=["path", "depth", "numchild", "code", "name"])
    department.save(update_fields=["credit_hours_target"])
    record(
        action=AuditAction.CREDIT_TARGET_CHANGED,
        request=request,
        actor=actor,
        target_label=f"{department.code} {department.name}",
        detail={
            "before": None if before is None else str(before),
            "after": None if target is None else str(target),
        },
    )
    return department
