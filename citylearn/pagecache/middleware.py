from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import cc_delim_re, has_vary_header, patch_cache_control

from citylearn.pagecache.services import cached_page, page_key, store_page


class PageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache; never store a personal one.

    A page is public when its view says so (Cache-Control: public), and it is stored
    only for the query parameters the view says it reads. A request with a
    session cookie (a signed-in person) neither reads nor fills the cache, and a
    response that sets a cookie or varies on cookies is never stored and is made
    private, so no shared cache downstream keeps it either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous = settings.SESSION_COOKIE_NAME not in request.COOKIES
        if not (anonymous and request.method in ("GET", "HEAD")):
            return self._private_if_personal(request, self.get_response(request))
        key = page_key(request)
        response = cached_page(key)
        if response is not None:
            return response
        response = self.get_response(request)
        if request.method == "GET" and self._is_storable(request, response):
            store_page(key, request, response)
        return self._private_if_personal(request, response)

    @staticmethod
    def _is_public(response) -> bool:
        directives = cc_delim_re.split(response.get("Cache-Control", ""))
        return "public" in directives

    def _is_storable(self, request, response) -> bool:
        # Only the query parameters the page is built from: any other would store
        # one more copy of the same page.
        used = getattr(response, "query_parameters", frozenset())
        return (
            set(request.GET) <= used
            and response.status_code == 200
            and self._is_public(response)
            and not response.streaming
            and not response.cookies
            and not has_vary_header(response, "Cookie")
        )

    def _private_if_personal(self, request, response):
        personal = (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or response.cookies
            or has_vary_header(response, "Cookie")
        )
        if personal and self._is_public(response):
            # A signed-in page shows that person's progress: the browser must ask again.
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response


class LanguageFromUrlMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without a false `Vary: Accept-Language`.

    With i18n_patterns and no prefix for the default language, Django takes the
    language from the URL alone, yet still says the response varies with the
    browser's Accept-Language; downstream caches would then keep one copy per
    browser language of every Chinese page.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        used, prefixed_default = is_language_prefix_patterns_used(urlconf)
        if used and not prefixed_default and response.has_header("Vary"):
            kept = [
                header
                for header in cc_delim_re.split(response["Vary"])
                if header.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
