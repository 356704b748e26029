import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from citylearn.accounts import session_keys
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.sessions import signed_in_user

# The session is saved only when the stamp moves by at least this much. On an exam
# day every request would otherwise rewrite the session row; a minute's slack on a
# thirty-minute timeout costs nothing, and idle time is measured from the last
# request rather than from the last session save.
TOUCH_INTERVAL_SECONDS = 60


class IdleTimeoutMiddleware:
    """Signs a person out after IDLE_TIMEOUT_SECONDS without a request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if signed_in_user(request):
            now = int(time.time())
            last_seen = request.session.get(session_keys.LAST_SEEN)
            if (
                last_seen is not None
                and now - last_seen > settings.IDLE_TIMEOUT_SECONDS
            ):
                return self.time_out(request)
            if last_seen is None or now - last_seen >= TOUCH_INTERVAL_SECONDS:
                request.session[session_keys.LAST_SEEN] = now
        return self.get_response(request)

    def time_out(self, request):
        user = request.user
        logout(request)
        record(action=AuditAction.SESSION_TIMED_OUT, request=request, actor=user)
        minutes = settings.IDLE_TIMEOUT_SECONDS // 60
        messages.info(
            request,
            _("You were signed out after %(minutes)d minutes without activity.")
            % {"minutes": minutes},
        )
        return redirect_to_login(request.get_full_path())


class PasswordExpiryMiddleware:
    """Sends a person whose password is older than PASSWORD_MAX_AGE_DAYS to change it."""

    ALLOWED_VIEWS = {
        "accounts:password_change",
        "accounts:password_change_done",
        "accounts:logout",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        max_age = settings.PASSWORD_MAX_AGE_DAYS
        if not max_age or not signed_in_user(request):
            return None
        changed = request.session.get(session_keys.PASSWORD_CHANGED)
        if changed is None or time.time() - changed < max_age * 86400:
            return None
        if request.resolver_match.view_name in self.ALLOWED_VIEWS:
            return None
        messages.warning(
            request,
            _("Your password is more than %(days)d days old. Please choose a new one.")
            % {"days": max_age},
        )
        return redirect("accounts:password_change")
