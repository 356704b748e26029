from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citylearn.accounts import lockout
from citylearn.organisation.identifiers import find_account, normalise_identifier

LOCKED = "locked"
BUSY = "busy"
UNAVAILABLE = "unavailable"


class StaffLoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Employee id or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The employee id or email and password do not match an active account. "
            "Passwords are case-sensitive."
        ),
    }

    def locked_error(self) -> ValidationError:
        minutes = max(1, settings.LOGIN_LOCKOUT_SECONDS // 60)
        return ValidationError(
            _(
                "Too many failed sign-in attempts. Signing in is blocked for "
                "%(minutes)d minutes for this account or from your network. "
                "Try again later, or reset your password."
            )
            % {"minutes": minutes},
            code=LOCKED,
        )

    def busy_error(self) -> ValidationError:
        return ValidationError(
            _(
                "Too many sign-in attempts for this account or from your network "
                "at this moment. Wait a minute and try again."
            ),
            code=BUSY,
        )

    def unavailable_error(self) -> ValidationError:
        return ValidationError(
            _(
                "Signing in is briefly unavailable while a service restarts. "
                "Try again shortly."
            ),
            code=UNAVAILABLE,
        )

    def clean(self):
        try:
            return super().clean()
        except lockout.CountersUnavailable as error:
            raise self.unavailable_error() from error
        except ValidationError as error:
            identifier = normalise_identifier(self.cleaned_data.get("username") or "")
            subjects = lockout.subjects_for(
                self.request, identifier, find_account(identifier)
            )
            if lockout.locked_by(subjects):
                raise self.locked_error() from error
            if lockout.at_limit(subjects):
                raise self.busy_error() from error
            raise


class PasswordLinkRequestForm(forms.Form):
    identifier = forms.CharField(
        label=_("Employee id or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )

    def account(self):
        user = find_account(normalise_identifier(self.cleaned_data["identifier"]))
        if user is None or not user.is_active or not user.email:
            return None
        return user
