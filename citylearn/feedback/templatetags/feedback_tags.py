from django import template

from citylearn.core.models import BasePage
from citylearn.feedback.forms import UNANSWERED, FeedbackForm
from citylearn.feedback.services import PUBLIC_VIEWS

register = template.Library()


@register.inclusion_tag("feedback/includes/form.html", takes_context=True)
def feedback_form(context):
    """The "did this help?" form, on public pages only (not on sign-in or HR pages)."""
    request = context["request"]
    match = request.resolver_match
    if match is None or match.view_name not in {"wagtail_serve", *PUBLIC_VIEWS}:
        return {"form": None}
    # A staff course or a signed-in-only page: the answer would be refused.
    page = context.get("page")
    if isinstance(page, BasePage) and not page.is_open_to_everyone():
        return {"form": None}
    key, value = UNANSWERED
    if request.GET.get(key) == value:
        # Sent without an answer and without JavaScript: the same form, with its error.
        form = FeedbackForm({f"{FeedbackForm.prefix}-path": request.path})
        form.is_valid()
        return {"form": form}
    return {"form": FeedbackForm(initial={"path": request.path})}
