from django import template

from citylearn.quizzes.selectors import public_self_checks

register = template.Library()


@register.simple_tag
def self_checks():
    """The public self-checks, for the home page and the explainers' index."""
    return list(public_self_checks())
