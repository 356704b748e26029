"""What the My learning and dashboard templates show of reminders.

Those pages belong to other apps, which know nothing of reminders: their templates
include this app's and these tags fetch the data.
"""

from django import template

from citylearn.access.permissions import write_scope
from citylearn.reminders.selectors import unread_notices

register = template.Library()


@register.simple_tag(takes_context=True)
def my_notices(context) -> list:
    """The signed-in person's unread reminders."""
    user = context["request"].user
    return unread_notices(user=user) if user.is_authenticated else []


@register.simple_tag(takes_context=True)
def may_remind(context, department) -> bool:
    """Whether the signed-in officer may remind the department's people."""
    return department is not None and write_scope(context["request"].user).contains(
        department
    )
