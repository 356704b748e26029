from django import template

from citylearn.pagecache.services import cached_lookup
from citylearn.quizzes.selectors import public_self_checks

register = template.Library()


@register.simple_tag
def self_checks():
    """The public self-checks, for the home page and the explainers' index; kept with
    the public site's generation, so a page view reads nothing for them."""
    return cached_lookup("public-self-checks", lambda: list(public_self_checks()))
