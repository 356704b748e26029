from collections.abc import Collection
from functools import partial, wraps

from django.conf import settings
from django.utils.cache import patch_cache_control


def mark_public(response, *, query_parameters: Collection[str] = ()):
    """Let browsers, nginx and our page cache keep a successful response for everyone.

    query_parameters names what the page is built from in the query string; the page
    cache keeps no copy of a request that carries anything else, so that made-up
    parameters cannot fill it.
    """
    if response.status_code == 200 and not response.has_header("Cache-Control"):
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_PAGE_MAX_AGE)
    response.query_parameters = frozenset(query_parameters)
    return response


def public_page(view=None, *, query_parameters: Collection[str] = ()):
    """A view whose page is the same for every anonymous visitor."""
    if view is None:
        return partial(public_page, query_parameters=query_parameters)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        return mark_public(response, query_parameters=query_parameters)

    # The same site for everyone: core.middleware gives it from the cache.
    wrapper.is_public_page = True
    return wrapper
