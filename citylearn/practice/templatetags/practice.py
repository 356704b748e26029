"""Daily practice on My learning: the link and the learner's own streak."""

from django import template
from django.utils import timezone

from citylearn.practice.selectors import daily_set_of, streak_of

register = template.Library()


@register.simple_tag
def practice_summary(user) -> dict:
    today = timezone.localdate()
    daily_set = daily_set_of(user=user, day=today)
    return {
        "streak": streak_of(user=user, today=today),
        "done_today": daily_set is not None and daily_set.is_completed,
    }
