"""What the site holds about a person, section by section, for the "My data" page.

Every app that stores personal data keeps its sections in its own `personal_data.py`,
which registers them when imported; the app's AppConfig.ready() imports it
(`import citylearn.progress.personal_data`), so sections appear in INSTALLED_APPS order:

    # citylearn/progress/personal_data.py
    from citylearn.accounts.personal_data import Section, register
    register(
        Section(
            "enrolments", _("Courses"), collect_enrolments, {"course": _("Course")},
            models=(Enrolment,),
        )
    )

`collect(user)` returns a dict (one record) or a list of dicts (many) of plain values
(text, numbers, booleans, dates, lists of text, JSON objects); `labels` names the keys for people,
and the JSON download keeps the keys. `models` names the models whose rows about the
person the section shows: tests/accounts/test_personal_data_coverage.py fails when a
model with a foreign key to the user is in no section and not exempted there.

A section's collect() runs a fixed number of queries, however many rows it returns.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from citylearn.accounts.models import PasswordStamp


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    collect: Callable[[AbstractBaseUser], dict[str, Any] | list[dict[str, Any]]]
    labels: dict[str, str | Promise] = field(default_factory=dict)
    models: tuple[type[Model], ...] = ()
    # A line under the title, e.g. how many rows there are when only the latest show.
    summary: Callable[[AbstractBaseUser], str] | None = None


_sections: dict[str, Section] = {}


def register(section: Section) -> None:
    _sections[section.key] = section


def sections() -> list[Section]:
    return list(_sections.values())


def _account(user) -> dict[str, Any]:
    stamp = getattr(user, "password_stamp", None)
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": user.is_active,
        "groups": list(user.groups.order_by("name").values_list("name", flat=True)),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "password_changed_at": stamp.changed_at if stamp else None,
    }


register(
    Section(
        "account",
        _("Your account"),
        _account,
        {
            "username": _("User name"),
            "first_name": _("Name"),
            "last_name": _("Family name"),
            "email": _("Email"),
            "is_active": _("Account active"),
            "groups": _("Groups"),
            "date_joined": _("Account created"),
            "last_login": _("Last sign-in"),
            "password_changed_at": _("Password last changed"),
        },
        models=(PasswordStamp,),
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
    if isinstance(value, list):
        return "; ".join(str(item) for item in value) or None
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else None
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
        if section.summary is not None:
            item["summary"] = section.summary(user)
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
