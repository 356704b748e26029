from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found
from wagtail.views import serve as serve_page

from citylearn.core.selectors import site_for_request


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict site-wide policy, with Wagtail's admin given the looser one it needs."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                nonce=parts.nonce,
            )
        return parts


class WagtailSiteMiddleware:
    """Give Wagtail's page view the request's site from the cache, sparing two queries.

    Site.find_for_request keeps the site it found in `request._wagtail_site` and looks
    there first; routing, page URLs and settings all start from it. Also for the
    public views of our own (pagecache.decorators.public_page), such as search, which
    link to pages: without it each search asked the database for the site again. Other
    views (the health check among them) are left alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is serve_page or getattr(view_func, "is_public_page", False):
            request._wagtail_site = site_for_request(request)


class SiteNotFoundPageMiddleware:
    """The demo (settings/dev.py) answers a missing page with the site's own 404, as
    production does, not with Django's debug page that lists every URL pattern."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
