from django.db.models import Q, QuerySet

from citylearn.access.permissions import Scope
from citylearn.reminders.enums import DeliveryState
from citylearn.reminders.models import Delivery, Reminder

NOTICES_SHOWN = 20


def unread_notices(*, user) -> list[Reminder]:
    """The person's newest unread reminders, for My learning."""
    return list(
        Reminder.objects.filter(user=user, read_at__isnull=True)
        .select_related("assignment__course")
        .order_by("-created_at", "-pk")[:NOTICES_SHOWN]
    )


def troubled_deliveries(*, scope: Scope) -> QuerySet[Delivery]:
    """Deliveries of people in scope that failed, wait for a retry or are unknown."""
    return (
        Delivery.objects.filter(
            scope.q("reminder__user__staff_profile__department__path"),
            Q(state__in=[DeliveryState.FAILED, DeliveryState.UNKNOWN])
            | Q(state=DeliveryState.PENDING, attempts__gt=0),
        )
        .select_related(
            "reminder__user__staff_profile__department",
            "reminder__assignment__course",
        )
        .order_by("-reminder__created_at", "-pk")
    )
