from django import template

from citylearn.feedback.forms import FeedbackForm

register = template.Library()


@register.inclusion_tag("feedback/includes/form.html", takes_context=True)
def feedback_form(context):
    """The "did this help?" form for the page being shown."""
    return {"form": FeedbackForm(initial={"path": context["request"].path})}
