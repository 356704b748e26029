"""Audit entries about the person, as actor or as subject, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.audit.models import AuditEntry


def _audit(user) -> list[dict[str, Any]]:
    return [
        {
            "at": entry.at,
            "action": entry.get_action_display(),
            "by": entry.actor_label,
            "about": entry.target_label,
            # Where another signed-in person acted from is their data, not this
            # person's; an address with no one signed in (a failed sign-in) is kept.
            "address": entry.address if entry.actor_id in (None, user.pk) else None,
            # What was done to them is theirs; what they did to others describes
            # those others' records.
            "detail": entry.detail if entry.target_user_id == user.pk else None,
        }
        for entry in AuditEntry.objects.about(user)[:500]
    ]


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
            "detail": _("Details"),
        },
        models=(AuditEntry,),
    )
)
