import datetime

from django import template

register = template.Library()


@register.filter
def iso_date(value):
    """A date kept as YYYY-MM-DD text (a reference's access date) as a date, so that
    the `date` filter can write it the reader's way; None when it is not one."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
