from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname

from citylearn.celery import app as celery_app
from citylearn.pagecache.services import generation


def broker_status() -> str:
    """'ok', 'error', or 'not configured' when tasks run eagerly in-process."""
    if not settings.CELERY_BROKER_URL:
        return "not configured"
    try:
        with celery_app.connection_for_write(settings.CELERY_BROKER_URL) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # kombu raises transport-specific errors; any of them means down
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
    """Whether any page is private, kept in the cache as every page view asks.

    Kept under the public site's generation, which a change to any restriction renews.
    """
    return cache.get_or_set(
        f"core:view-restrictions-exist:{generation()}",
        PageViewRestriction.objects.exists,
        timeout=3600,
    )


def site_for_request(request: HttpRequest) -> Site | None:
    """The Wagtail site serving this request, as Site.find_for_request would find it.

    Kept in the cache under the public site's generation, which every change to a site
    or a published page renews: Wagtail would otherwise ask the database on every view,
    twice, for the site and then for its root page, where all routing starts.
    """
    hostname = split_domain_port(request.get_host())[0]
    port = request.get_port()
    key = f"core:site:{generation()}:{hostname}:{port}"
    found = cache.get(key)
    if found is None:
        try:
            site = get_site_for_hostname(hostname, port)
            site.root_page = site.root_page.specific
        except Site.DoesNotExist:
            site = None
        found = (site,)  # a tuple, so that "no site" is kept too
        cache.set(key, found, timeout=3600)
    return found[0]
