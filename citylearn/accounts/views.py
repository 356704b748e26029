import json
import time

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from citylearn.access.permissions import signed_in_required
from citylearn.accounts import session_keys
from citylearn.accounts.forms import PasswordLinkRequestForm, StaffLoginForm
from citylearn.accounts.landing import landing_page_for
from citylearn.accounts.personal_data import (
    collect_personal_data,
    personal_data_for_display,
)
from citylearn.accounts.services import send_password_link_soon
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.redirects import safe_next_url

LINK_INTERVAL_SECONDS = 5 * 60
LINK_NOT_SENT = _(
    "We could not send the email just now. Please try again in a few minutes."
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = StaffLoginForm
    # Wagtail sends a signed-in person without admin access here with a message;
    # bouncing them back to `next` would loop between the two pages.
    redirect_authenticated_user = False

    def get_redirect_url(self):
        candidate = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name)
        )
        return safe_next_url(self.request, candidate)

    def get_default_redirect_url(self):
        return landing_page_for(self.request.user)

    def get(self, request, *args, **kwargs):
        # Wagtail sends a signed-in person without admin access back to sign in: a
        # second sign-in would not help them, so they are told why instead.
        if (
            request.user.is_authenticated
            and self.get_redirect_url().startswith("/admin/")
            and not request.user.has_perm("wagtailadmin.access_admin")
        ):
            return render(request, "accounts/no_admin_access.html", status=403)
        return super().get(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    template_name = "accounts/logged_out.html"

    def get_redirect_url(self):
        candidate = self.request.POST.get(
            self.redirect_field_name, self.request.GET.get(self.redirect_field_name)
        )
        return safe_next_url(self.request, candidate)


@never_cache
def request_password_link(request):
    """Ask for an activation or reset link; the answer never tells whether one exists."""
    form = PasswordLinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.account()
        # One link per person every few minutes: the form must not become a way to
        # flood someone's mailbox.
        key = f"citylearn:password-link:{user.pk}" if user is not None else ""
        if user is not None and cache.add(key, 1, timeout=LINK_INTERVAL_SECONDS):
            sent = send_password_link_soon(
                user_id=user.pk, language=translation.get_language()
            )
            if not sent:
                # Neither queued nor sent: the person may ask again at once.
                cache.delete(key)
                form.add_error(None, LINK_NOT_SENT)
                return render(
                    request,
                    "accounts/password_link_request.html",
                    {"form": form},
                    status=503,
                )
        return redirect("accounts:password_link_sent")
    return render(request, "accounts/password_link_request.html", {"form": form})


def password_link_sent(request):
    return render(request, "accounts/password_link_sent.html")


class PasswordLinkConfirmView(auth_views.PasswordResetConfirmView):
    """The page an activation or reset link opens: choose a password, once."""

    template_name = "accounts/password_set.html"
    success_url = reverse_lazy("accounts:password_set_done")
    title = _("Choose a new password")

    def form_valid(self, form):
        response = super().form_valid(form)
        record(
            action=AuditAction.PASSWORD_SET,
            request=self.request,
            actor=form.user,
            target_user=form.user,
            detail={"via": "emailed link"},
        )
        return response


class ActivationConfirmView(PasswordLinkConfirmView):
    title = _("Activate your account")


class PasswordSetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_set_done.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[session_keys.PASSWORD_CHANGED] = int(time.time())
        record(
            action=AuditAction.PASSWORD_SET,
            request=self.request,
            target_user=self.request.user,
            detail={"via": "password change"},
        )
        messages.success(self.request, _("Your password has been changed."))
        return response


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"


# Everything about a person: no browser or proxy may keep a copy of this page.
@never_cache
@require_GET
@signed_in_required
def my_data(request):
    """What the site holds about the signed-in person."""
    return render(
        request,
        "accounts/my_data.html",
        {"sections": personal_data_for_display(request.user)},
    )


@require_GET
@signed_in_required
def my_data_download(request):
    record(action=AuditAction.PERSONAL_DATA_EXPORTED, request=request)
    data = {
        "generated_at": timezone.now().isoformat(),
        **collect_personal_data(request.user),
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-data.json"'
    response["Cache-Control"] = "no-store"
    return response
