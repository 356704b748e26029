"""The reminders sent to the person, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.reminders.models import Reminder


def _reminders(user) -> list[dict[str, Any]]:
    return [
        {
            "reminder": reminder.headline,
            "kind": reminder.get_kind_display(),
            "sent_at": reminder.created_at,
            "read_at": reminder.read_at,
        }
        for reminder in Reminder.objects.filter(user=user)
        .select_related("assignment__course")
        .order_by("created_at", "pk")
    ]


register(
    Section(
        "reminders",
        _("Reminders sent to you"),
        _reminders,
        {
            "reminder": _("Reminder"),
            "kind": _("Kind"),
            "sent_at": _("Sent at"),
            "read_at": _("Read at"),
        },
        models=(Reminder,),
    )
)
