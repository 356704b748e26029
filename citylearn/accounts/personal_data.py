"""What the site holds about a person, section by section, for the "My data" page.

Other apps add their sections in their AppConfig.ready():

    from citylearn.accounts.personal_data import Section, register
    register(Section("enrolments", _("Courses"), collect_enrolments, {"course": _("Course")}))

`collect(user)` returns a dict (one record) or a list of dicts (many) of plain values
(text, numbers, booleans, dates); `labels` names the keys for people, and the JSON
download keeps the keys.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citylearn.audit.models import AuditEntry
from citylearn.organisation.models import RoleAssignment, StaffProfile


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    collect: Callable[[AbstractBaseUser], dict[str, Any] | list[dict[str, Any]]]
    labels: dict[str, str | Promise] = field(default_factory=dict)


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return list(_sections.values())


def _account(user) -> dict[str, Any]:
    stamp = getattr(user, "password_stamp", None)
    return {
        "username": user.get_username(),
        "email": user.email,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "password_changed_at": stamp.changed_at if stamp else None,
    }


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


def _audit(user) -> list[dict[str, Any]]:
    return [
        {
            "at": entry.at,
            "action": entry.get_action_display(),
            "by": entry.actor_label,
            "about": entry.target_label,
            "address": entry.address,
        }
        for entry in AuditEntry.objects.about(user)[:500]
    ]


register(
    Section(
        "account",
        _("Your account"),
        _account,
        {
            "username": _("User name"),
            "email": _("Email"),
            "date_joined": _("Account created"),
            "last_login": _("Last sign-in"),
            "password_changed_at": _("Password last changed"),
        },
    )
)
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
    )
)
register(
    Section(
        "roles",
        _("Your roles"),
        _roles,
        {"role": _("Role"), "department": _("Department"), "granted_at": _("Since")},
    )
)
register(
    Section(
        "audit",
        _("Audit log entries about you (latest 500)"),
        _audit,
        {
            "at": _("When"),
            "action": _("What"),
            "by": _("Who"),
            "about": _("Whom"),
            "address": _("From address"),
        },
    )
)


def _shown(value) -> str | None:
    """A value as a person reads it: local time, yes or no, nothing for empty."""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value if value not in ("", None) else None


def collect_personal_data(user) -> dict[str, Any]:
    """Everything registered, keyed by section, ready for JSON."""
    return {section.key: section.collect(user) for section in sections()}


def personal_data_for_display(user) -> list[dict[str, Any]]:
    """The same data shaped for a template: labelled fields or a labelled table."""
    shown = []
    for section in sections():
        data = section.collect(user)
        item: dict[str, Any] = {"title": section.title, "key": section.key}
        if isinstance(data, dict):
            item["fields"] = [
                (section.labels.get(key, key), _shown(value))
                for key, value in data.items()
            ]
        else:
            keys = list(data[0]) if data else list(section.labels)
            item["headers"] = [section.labels.get(key, key) for key in keys]
            item["rows"] = [[_shown(row.get(key)) for key in keys] for row in data]
        shown.append(item)
    return shown
