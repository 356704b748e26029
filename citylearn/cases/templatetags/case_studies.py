"""What the case-study pages show beyond their own fields.

The page models know nothing of selectors: their templates ask these tags.
"""

from django import template

from citylearn.cases import selectors
from citylearn.cases.forms import CaseFilterForm

register = template.Library()


@register.simple_tag(takes_context=True)
def case_library(context, index) -> dict:
    """The library's filter form, whether it filters, and the cases it shows."""
    request = context["request"]
    form = CaseFilterForm(request.GET or None, years=selectors.library_years(index))
    filters = form.filters() if form.is_bound else {}
    return {
        "filter_form": form,
        "filtered": bool(filters),
        "cases": selectors.library_cases(index, **filters),
    }


@register.simple_tag
def case_links(case) -> dict:
    """The explainers and courses a case study points its readers to, live ones only."""
    return {
        **selectors.case_explainers(case),
        "related_courses": selectors.related_courses(case),
    }
