"""Every role and scope decision is made here, so that views, exports and services agree.

Roles: a learner has a staff profile; a department head reads their subtree; an HR /
training officer reads and changes one or more subtrees; an editor is in Wagtail's
"Editors" group; an administrator is a superuser. A scope is a set of materialised
paths: a department is inside it when its path starts with one of them, which the
database answers with an indexed prefix match instead of walking the tree.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q

from citylearn.access.enums import Role

if TYPE_CHECKING:
    from citylearn.organisation.models import Department, StaffProfile

EDITORS_GROUP = "Editors"


@dataclass(frozen=True)
class Scope:
    everything: bool = False
    paths: tuple[str, ...] = ()

    @classmethod
    def of(cls, paths: Iterable[str]) -> "Scope":
        # A subtree inside another adds nothing and would double the OR-ed conditions.
        kept: list[str] = []
        for path in sorted(set(paths)):
            if not any(path.startswith(outer) for outer in kept):
                kept.append(path)
        return cls(paths=tuple(kept))

    def __bool__(self) -> bool:
        return self.everything or bool(self.paths)

    def contains(self, department: "Department") -> bool:
        return self.everything or department.path.startswith(self.paths)

    def q(self, path_field: str = "department__path") -> Q:
        """A filter matching rows inside the scope (nothing when the scope is empty)."""
        if self.everything:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        condition = Q()
        for path in self.paths:
            condition |= Q(**{f"{path_field}__startswith": path})
        return condition


def _roles(user) -> dict[str, tuple[str, ...]]:
    # One query per request: the result rides on the user object, which lives no
    # longer than the request.
    cached = getattr(user, "_citylearn_roles", None)
    if cached is None:
        cached = {}
        if user.is_authenticated and user.is_active:
            for role, path in user.role_assignments.values_list(
                "role", "department__path"
            ):
                cached.setdefault(role, ())
                cached[role] += (path,)
        user._citylearn_roles = cached
    return cached


def is_administrator(user) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def is_editor(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return is_administrator(user) or any(
        group.name == EDITORS_GROUP for group in user.groups.all()
    )


def is_hr_officer(user) -> bool:
    return bool(_roles(user).get(Role.HR_OFFICER))


def is_department_head(user) -> bool:
    return bool(_roles(user).get(Role.DEPARTMENT_HEAD))


def staff_profile(user) -> "StaffProfile | None":
    if not user.is_authenticated:
        return None
    try:
        return user.staff_profile
    except ObjectDoesNotExist:
        return None


def is_learner(user) -> bool:
    profile = staff_profile(user)
    return profile is not None and profile.is_active


def write_scope(user) -> Scope:
    """Subtrees whose people this user may change: an officer's, or all for an admin."""
    if is_administrator(user):
        return Scope(everything=True)
    return Scope.of(_roles(user).get(Role.HR_OFFICER, ()))


def read_scope(user) -> Scope:
    """Subtrees whose people this user may see: heads' and officers' subtrees."""
    if is_administrator(user):
        return Scope(everything=True)
    roles = _roles(user)
    return Scope.of(
        roles.get(Role.HR_OFFICER, ()) + roles.get(Role.DEPARTMENT_HEAD, ())
    )


def can_view_person(user, person: "StaffProfile") -> bool:
    return read_scope(user).contains(person.department)


def _require(test):
    """Anonymous visitors are sent to sign in; signed-in people without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


administrator_required = _require(is_administrator)
roster_manager_required = _require(lambda user: bool(write_scope(user)))
people_reader_required = _require(lambda user: bool(read_scope(user)))
signed_in_required = _require(lambda user: True)


# What the page chrome shows about a person's roles, cached so that a signed-in page
# costs no role queries. Only for display: every decision above reads the database.
SUMMARY_SECONDS = 300


def _summary_key(user) -> str:
    # The join time tells apart accounts that reuse a deleted account's id.
    return f"citylearn:role-summary:{user.pk}:{user.date_joined.timestamp()}"


def role_summary(user) -> dict:
    """Name and role flags for the menu; may lag a role change by a few minutes."""
    key = _summary_key(user)
    summary = cache.get(key)
    if summary is None:
        profile = staff_profile(user)
        summary = {
            "name": profile.name if profile else user.get_username(),
            "learner": profile is not None and profile.is_active,
            "reader": bool(read_scope(user)),
            "manager": bool(write_scope(user)),
            "administrator": is_administrator(user),
            "editor": is_editor(user),
        }
        cache.set(key, summary, SUMMARY_SECONDS)
    return summary


def forget_role_summary(user) -> None:
    cache.delete(_summary_key(user))
