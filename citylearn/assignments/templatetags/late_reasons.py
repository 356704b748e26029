from django import template
from django.utils import timezone

from citylearn.assignments.selectors import overdue_of

register = template.Library()


@register.inclusion_tag("assignments/includes/late_panel.html", takes_context=True)
def late_reasons_panel(context):
    """The learner's overdue assignments, each with a way to say why."""
    request = context["request"]
    return {
        "overdue": overdue_of(user=request.user, today=timezone.localdate()),
    }
