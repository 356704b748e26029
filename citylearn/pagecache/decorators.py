from functools import wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def mark_public(response):
    """Let browsers, nginx and our page cache keep a successful response for everyone."""
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    return response


def public_page(view):
    """A view whose page is the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        return mark_public(view(request, *args, **kwargs))

    return wrapper
