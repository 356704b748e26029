"""Whose sign-in identity a roster import may change.

A roster sets accounts' email addresses, where password links are sent, and whether
they are active. Were it allowed to do so for an account holding more rights than the
importer, an HR officer could take over an editor's or an administrator's account.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Permission
from django.db.models import Q

from citylearn.access.permissions import Scope
from citylearn.organisation.models import RoleAssignment


def accounts_above(
    *, user_ids: list[int], actor: AbstractBaseUser | None, scope: Scope
) -> set[int]:
    """Those of `user_ids` that hold rights the importer lacks: every superuser; and,
    unless the importer's scope is everything (an administrator, or the command line),
    any staff flag, group, permission or role outside `scope` the importer lacks."""
    User = get_user_model()
    above = set(
        User.objects.filter(pk__in=user_ids, is_superuser=True).values_list(
            "pk", flat=True
        )
    )
    if scope.everything:
        return above
    groups, permissions, is_staff = [], [], False
    if actor is not None:
        groups = list(actor.groups.values_list("pk", flat=True))
        permissions = list(
            Permission.objects.filter(Q(user=actor) | Q(group__user=actor))
            .values_list("pk", flat=True)
            .distinct()
        )
        is_staff = actor.is_staff
    if not is_staff:
        above.update(
            User.objects.filter(pk__in=user_ids, is_staff=True).values_list(
                "pk", flat=True
            )
        )
    above.update(
        User.groups.through.objects.filter(user_id__in=user_ids)
        .exclude(group_id__in=groups)
        .values_list("user_id", flat=True)
    )
    above.update(
        User.user_permissions.through.objects.filter(user_id__in=user_ids)
        .exclude(permission_id__in=permissions)
        .values_list("user_id", flat=True)
    )
    above.update(
        RoleAssignment.objects.filter(user_id__in=user_ids)
        .exclude(scope.q("department__path"))
        .values_list("user_id", flat=True)
    )
    return above
