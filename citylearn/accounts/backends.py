from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from citylearn.accounts import lockout
from citylearn.accounts.identifiers import find_account, normalise_identifier


class StaffAuthenticationBackend(ModelBackend):
    """Employee id, user name or email with a password, with lockout.

    Lockout lives here rather than in a view so that every sign-in form (ours and
    Wagtail's admin login) is counted and refused alike.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        identifier = normalise_identifier(username)
        user = find_account(identifier)
        subjects = lockout.subjects_for(request, identifier, user)
        if lockout.locked_by(subjects):
            # Refuse without checking the password, so guessing stops paying off.
            raise PermissionDenied
        places = lockout.start_attempt(subjects)
        if places is None:
            raise PermissionDenied
        if user is None:
            # Hash anyway, so a missing account answers as slowly as a wrong password.
            get_user_model()().set_password(password)
        elif user.check_password(password) and self.user_can_authenticate(user):
            lockout.record_success(subjects)
            return user
        lockout.record_failure(
            request=request,
            subjects=subjects,
            places=places,
            identifier=identifier,
            user=user,
        )
        return None
