from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest
from django.http.request import split_domain_port
from redis.exceptions import RedisError
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.query import PageQuerySet

from citylearn.celery import app as celery_app
from citylearn.pagecache.services import cached_lookup


def broker_status() -> str:
    """'ok', 'error', or 'not configured' when tasks run eagerly in-process."""
    # One refused connection answers: a health check must answer fast, and is asked again.
    if not settings.CELERY_BROKER_URL:
        return "not configured"
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=0, timeout=2)
    except Exception:  # kombu raises transport-specific errors; any of them means down
        return "error"
    return "ok"


def cache_status() -> str:
    """'ok', 'error', or 'not configured' when each process keeps its own cache."""
    if not settings.REDIS_URL:
        return "not configured"
    try:
        # incr, which the cache does not forgive; the key does not exist.
        cache.incr("core:healthz")
    except ValueError:
        return "ok"
    except RedisError:
        return "error"
    return "ok"


def database_status() -> str:
    """'ok' when the default database answers a query, else 'error'."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "error"
    return "ok"


def view_restrictions_exist() -> bool:
    """Whether any page is private: every page view asks, the answer rarely changes."""
    return cached_lookup(
        "core:view-restrictions-exist", PageViewRestriction.objects.exists
    )


def readable_by_anyone(pages: PageQuerySet) -> PageQuerySet:
    """The live pages with no view restriction, on themselves or on a page above.

    Every listing on a public page uses this: a public page is served to everyone
    from one cached copy, so it must not name a page that needs signing in.
    """
    pages = pages.live()
    # Wagtail's public() reads every restriction; most of the time there are none.
    return pages.public() if view_restrictions_exist() else pages


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail site serving this request, as Site.find_for_request would find it.

    Wagtail would ask the database on every page view, twice: for the site, then for
    its root page, where all routing starts. Kept here with the root page in its
    specific form.
    """
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()

    def find() -> Site | None:
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return None
        site.root_page = site.root_page.specific
        return site

    return cached_lookup(f"core:site:{hostname}:{port}", find)
