"""Finding the account an employee id, user name or email names, as people type them."""

import unicodedata

from django.contrib.auth import get_user_model

from citylearn.organisation.models import StaffProfile


def normalise_identifier(value: str) -> str:
    # Chinese input methods type full-width digits and letters; NFKC folds them.
    return unicodedata.normalize("NFKC", value).strip()


def find_account(identifier: str):
    """The account an employee id, user name or email names, or None when none or
    several do (an email shared by two accounts signs in neither)."""
    if not identifier:
        return None
    User = get_user_model()
    profile = (
        StaffProfile.objects.filter(employee_id=identifier)
        .select_related("user")
        .first()
    )
    if profile is not None:
        return profile.user
    by_username = User.objects.filter(username=identifier).first()
    if by_username is not None:
        return by_username
    if "@" in identifier:
        matches = list(User.objects.filter(email__iexact=identifier)[:2])
        if len(matches) == 1:
            return matches[0]
    return None
