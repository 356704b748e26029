"""Amending a provision: the one way its text, version or date in force changes."""

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from citylearn.core.events import send_after_commit
from citylearn.laws.models import Provision, ProvisionChange
from citylearn.laws.signals import provision_amended


@transaction.atomic
def amend_provision(
    *,
    provision: Provision,
    text: str,
    version: str,
    effective_from: date,
    source_url: str,
    checked_on: date,
    changed_by: AbstractBaseUser | None,
) -> ProvisionChange | None:
    """Save the provision with its new text in force; record and announce an amendment.

    The provision may carry other unsaved edits (heading, article): they are saved too.
    Returns None when neither the text, the version nor the date in force changed
    (a new source link or check date is saved, but is no amendment).
    """
    stored = Provision.objects.select_for_update().get(pk=provision.pk)
    provision.text = text
    provision.version = version
    provision.effective_from = effective_from
    provision.source_url = source_url
    provision.checked_on = checked_on
    provision.full_clean()
    provision.save()
    if (stored.text, stored.version, stored.effective_from) == (
        provision.text,
        provision.version,
        provision.effective_from,
    ):
        return None
    change = ProvisionChange.objects.create(
        provision=provision,
        old_text=stored.text,
        new_text=provision.text,
        old_version=stored.version,
        new_version=provision.version,
        old_effective_from=stored.effective_from,
        new_effective_from=provision.effective_from,
        changed_by=changed_by if changed_by and changed_by.is_authenticated else None,
    )
    send_after_commit(provision_amended, sender=Provision, change=change)
    return change
