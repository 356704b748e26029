"""What the register's pages show beyond their own fields.

The page models know nothing of selectors: their templates ask these tags.
"""

from django import template

from citylearn.register import selectors
from citylearn.register.forms import RegisterFilterForm

register = template.Library()


@register.simple_tag(takes_context=True)
def register_library(context, index) -> dict:
    """The register's filter form, whether it filters, and the entries it shows."""
    request = context["request"]
    form = RegisterFilterForm(
        request.GET or None, departments=selectors.register_departments(index)
    )
    filters = form.filters() if form.is_bound else {}
    return {
        "filter_form": form,
        "filtered": bool(filters),
        "entries": selectors.register_entries(index, **filters),
    }
