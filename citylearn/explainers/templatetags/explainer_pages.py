"""What the explainer pages, and the pages that link their readers to an explainer,
show beyond their own fields.

The page models know nothing of selectors: their templates ask these tags.
"""

from django import template

from citylearn.explainers import selectors

register = template.Library()


@register.simple_tag
def glossary_body(body_html: str):
    """A page body whose first use of each glossary term links to its definition."""
    return selectors.body_with_glossary(body_html)


@register.simple_tag
def related_explainers(page) -> list:
    return selectors.related_explainers(page)


@register.simple_tag
def explainer_topics(index) -> list:
    return selectors.explainers_by_topic(index)


@register.simple_tag
def live_explainer(explainer_id: int | None):
    """The explainer with this id if anyone may read it, else None."""
    return next(iter(selectors.live_explainers_by_id([explainer_id])), None)
