"""Daily practice on My learning: the link and the learner's own streak."""

from django import template
from django.utils import timezone

from citylearn.practice.leitner import streak
from citylearn.practice.selectors import completed_days

register = template.Library()


@register.simple_tag
def practice_summary(user) -> dict:
    """The learner's streak and whether today's set is done: one query."""
    today = timezone.localdate()
    days = completed_days(user=user, today=today)
    return {"streak": streak(days, today=today), "done_today": today in days}
