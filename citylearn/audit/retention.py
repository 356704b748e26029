"""How long audit entries are kept: the Cybersecurity Law asks for at least six months."""

import calendar
from datetime import datetime, timedelta

from django.conf import settings

MINIMUM_RETENTION_DAYS = 183


def six_calendar_months_before(moment: datetime) -> datetime:
    month = moment.month - 6
    year = moment.year
    if month < 1:
        month += 12
        year -= 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def retention_cutoff(now: datetime) -> datetime:
    """Entries older than this may be purged; never less than six calendar months ago."""
    days = max(int(settings.AUDIT_LOG_RETENTION_DAYS), MINIMUM_RETENTION_DAYS)
    # 183 days is shorter than six calendar months in some stretches of the year
    # (1 March back to 1 September is 181 days the other way round), so take the earlier.
    return min(now - timedelta(days=days), six_calendar_months_before(now))
