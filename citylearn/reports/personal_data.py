"""The weekly digests a department head was sent, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.reports.models import DigestDelivery


def _digests(user) -> list[dict[str, Any]]:
    return [
        {"week": f"{d.iso_year}-W{d.iso_week:02d}", "sent_at": d.sent_at}
        for d in DigestDelivery.objects.filter(head=user).order_by("-claimed_at")
    ]


register(
    Section(
        "weekly_digests",
        _("Weekly digests sent to you"),
        _digests,
        {"week": _("Week"), "sent_at": _("Sent at")},
        models=(DigestDelivery,),
    )
)
