"""The person's roster entry and roles, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.organisation.models import RoleAssignment, StaffProfile


def _staff_profile(user) -> dict[str, Any]:
    profile = (
        StaffProfile.objects.filter(user=user).select_related("department").first()
    )
    if profile is None:
        return {}
    ancestors = [d.name for d in profile.department.get_ancestors()]
    return {
        "employee_id": profile.employee_id,
        "name": profile.name,
        "department": " / ".join([*ancestors, profile.department.name]),
        "position": profile.position,
        "email": profile.email,
        "phone": profile.phone,
        "is_active": profile.is_active,
        "joined_on": profile.joined_on,
        "left_on": profile.left_on,
    }


def _roles(user) -> list[dict[str, Any]]:
    return [
        {
            "role": assignment.get_role_display(),
            "department": assignment.department.name,
            "granted_at": assignment.granted_at,
        }
        for assignment in RoleAssignment.objects.filter(user=user).select_related(
            "department"
        )
    ]


register(
    Section(
        "staff_profile",
        _("Your entry in the staff roster"),
        _staff_profile,
        {
            "employee_id": _("Employee id"),
            "name": _("Name"),
            "department": _("Department"),
            "position": _("Position"),
            "email": _("Email"),
            "phone": _("Mobile phone"),
            "is_active": _("Active"),
            "joined_on": _("Joined on"),
            "left_on": _("Left on"),
        },
        models=(StaffProfile,),
    )
)
register(
    Section(
        "roles",
        _("Your roles"),
        _roles,
        {"role": _("Role"), "department": _("Department"), "granted_at": _("Since")},
        models=(RoleAssignment,),
    )
)
