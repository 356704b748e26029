"""Who made a request, asked without reading an anonymous visitor's session.

Reading the session marks the response `Vary: Cookie`; visitors without a session
cookie have no session to read, so their public pages stay shareable by the page cache.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest


def has_session_cookie(request: HttpRequest) -> bool:
    """Whether the request may belong to someone signed in; reads no session."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def signed_in_user(request: HttpRequest) -> AbstractBaseUser | None:
    """The signed-in user, or None; without a session cookie the session is never read."""
    if not has_session_cookie(request):
        return None
    return request.user if request.user.is_authenticated else None
