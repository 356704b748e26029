"""The person's roster entry and roles, for "My data"."""

from typing import Any

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.audit.enums import AuditAction
from citylearn.organisation.models import RoleAssignment, StaffProfile
from citylearn.organisation.selectors import record_viewings, record_viewings_of

VIEWINGS_SHOWN = 100


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


def _export_detail(detail: dict) -> str:
    if not isinstance(detail, dict) or "rows" not in detail:
        return ""
    return gettext("%(format)s, %(rows)s rows") % {
        "format": str(detail.get("format", "")).upper(),
        "rows": detail["rows"],
    }


def _viewings(user) -> list[dict[str, Any]]:
    return [
        {
            "at": viewing.entry.at,
            "action": viewing.entry.get_action_display(),
            "who": viewing.entry.actor_label,
            "role": gettext("This account no longer exists")
            if viewing.roles is None
            else "、".join(viewing.roles),
            "department": viewing.department,
            "what": _export_detail(viewing.entry.detail)
            if viewing.entry.action == AuditAction.EXPORT
            else "",
        }
        for viewing in record_viewings(user, limit=VIEWINGS_SHOWN)
    ]


def _viewings_summary(user) -> str:
    total = record_viewings_of(user).count()
    if not total:
        return ""
    return ngettext(
        "Your records were viewed or exported %(total)s time; the latest "
        "%(shown)s are listed.",
        "Your records were viewed or exported %(total)s times; the latest "
        "%(shown)s are listed.",
        total,
    ) % {"total": total, "shown": min(total, VIEWINGS_SHOWN)}


register(
    Section(
        "record_viewings",
        _("Who viewed or exported your records"),
        _viewings,
        {
            "at": _("When"),
            "action": _("What"),
            "who": _("Who"),
            "role": _("Their role"),
            "department": _("Their department"),
            "what": _("Details"),
        },
        summary=_viewings_summary,
    )
)
