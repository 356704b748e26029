from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from citylearn.audit.models import AuditEntry, AuditEntryQuerySet


def search_entries(
    *,
    person: str = "",
    action: str = "",
    address: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> AuditEntryQuerySet:
    """Entries matching every given filter, newest first."""
    entries = AuditEntry.objects.all()
    if person:
        entries = entries.filter(
            Q(actor_label__icontains=person) | Q(target_label__icontains=person)
        )
    if action:
        entries = entries.filter(action=action)
    if address:
        entries = entries.filter(address=address)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(at__gte=datetime.combine(since, time.min, zone))
    if until:
        next_day = datetime.combine(until + timedelta(days=1), time.min, zone)
        entries = entries.filter(at__lt=next_day)
    return entries
