"""The full-page cache of public pages, shared by every anonymous visitor.

Every stored page's key carries a generation number; publishing anything starts a new
generation, so one increment makes every stored page unreachable (and left to expire)
without knowing which pages showed what: a title appears in indexes, related links
and glossary notes all over the site. What every page view would otherwise read from
the database (the site and its root page, the glossary terms, whether any page is
private) is kept under the same generation, and renewed with it.

A page is kept once per query string it is built from (the filters of the case
library, a search), and no more than VARIANTS_PER_PAGE of those at a time: the cache
is shared with every other page, and a visitor must not be able to fill it.
"""

import hashlib
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode
from redis.exceptions import RedisError

GENERATION_KEY = "pagecache:generation"
# Query-string variants of one page stored within PAGE_CACHE_TIMEOUT; the page
# without a query string is always stored.
VARIANTS_PER_PAGE = 50

T = TypeVar("T")


def invalidate_public_pages(**_signal_arguments) -> None:
    """Forget every stored public page; the next visitor of each gets a fresh one."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet, or it was evicted
        cache.set(GENERATION_KEY, 1, timeout=None)


def public_content_changed(**_signal_arguments) -> None:
    """Renew the public pages now, so that the rest of this transaction sees the
    change, and again after the commit: a page view in between may have cached what
    was there before. A receiver for any signal that says public content changed."""
    invalidate_public_pages()
    transaction.on_commit(invalidate_public_pages)


def generation() -> int:
    """Which generation of the public site is current; it changes with every publish."""
    return cache.get(GENERATION_KEY, 0)


def cached_lookup(name: str, compute: Callable[[], T]) -> T:
    """What compute() returns, kept for the current generation of the public site.

    Kept no longer than a browser may keep a public page, so that a change the signals
    never see (raw SQL, a restored backup) shows within that time too.
    """
    return cache.get_or_set(
        f"{name}:{generation()}", compute, timeout=settings.PUBLIC_PAGE_MAX_AGE
    )


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def page_key(request: HttpRequest) -> str:
    # The same parameters in another order are the same page.
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    address = f"{request.get_host()}{request.path}?{query}"
    return f"pagecache:{generation()}:{_digest(address)}"


def cached_page(key: str) -> HttpResponse | None:
    return cache.get(key)


def store_page(key: str, request: HttpRequest, response: HttpResponse) -> None:
    """Keep the page for everyone, unless its page already has its share of variants."""
    if request.GET and not _room_for_another_variant(request):
        return
    cache.set(key, response, timeout=settings.PAGE_CACHE_TIMEOUT)


def _room_for_another_variant(request: HttpRequest) -> bool:
    page = _digest(f"{request.get_host()}{request.path}")
    key = f"pagecache:{generation()}:variants:{page}"
    cache.add(key, 0, timeout=settings.PAGE_CACHE_TIMEOUT)
    try:
        return cache.incr(key) <= VARIANTS_PER_PAGE
    except (ValueError, RedisError):  # evicted between add and incr, or Redis is down
        return False
