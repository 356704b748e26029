"""The HR screens' side of a roster import: keep an upload's rows between preview and
apply. A file is read once, at upload; a file with errors is not kept at all."""

import hashlib
from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from citylearn.access.permissions import write_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.enums import RosterImportStatus
from citylearn.organisation.imports.applying import RosterResult, apply_rows
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.imports.planning import RosterPlan, plan_roster
from citylearn.organisation.imports.reading import RosterRows, read_roster
from citylearn.organisation.models import RosterUpload


def check_upload(
    *,
    user: AbstractBaseUser,
    filename: str,
    content: bytes,
    request: HttpRequest | None,
) -> tuple[RosterUpload | None, RosterPlan]:
    """Read an uploaded file once and compare it; keep its rows for the preview and
    the apply only if it has no error (None then), and log that it was checked."""
    rows = read_roster(content, filename)
    plan = plan_roster(rows, scope=write_scope(user), actor=user)
    sha256 = hashlib.sha256(content).hexdigest()
    upload = None
    if not plan.errors:
        upload = RosterUpload.objects.create(
            uploaded_by=user,
            filename=filename[:255],
            rows=rows.to_json(),
            sha256=sha256,
            summary=plan.counts(),
        )
    record(
        action=AuditAction.ROSTER_PREVIEWED,
        request=request,
        actor=user,
        target_label=filename[:255],
        detail={
            "upload": upload and upload.pk,
            "sha256": sha256,
            "counts": plan.counts(),
        },
    )
    return upload, plan


def upload_for(*, user: AbstractBaseUser, upload_id: int) -> RosterUpload:
    """The user's own upload, or 404: nobody opens another officer's file by its id."""
    return get_object_or_404(RosterUpload, pk=upload_id, uploaded_by=user)


def preview_upload(*, upload: RosterUpload, user: AbstractBaseUser) -> RosterPlan:
    """Compare the upload's rows with the database as it is now; the file is not read."""
    return plan_roster(
        RosterRows.from_json(upload.rows), scope=write_scope(user), actor=user
    )


def apply_upload(
    *,
    upload_id: int,
    user: AbstractBaseUser,
    deactivate_missing: bool,
    request: HttpRequest | None,
    invite: bool = False,
) -> RosterResult | None:
    """Apply an upload once; a repeated confirm (double click) returns None. An upload
    that has errors by now is deleted at once, like a file refused at upload."""
    try:
        return _apply_upload(
            upload_id=upload_id,
            user=user,
            deactivate_missing=deactivate_missing,
            request=request,
            invite=invite,
        )
    except RosterHasErrors:
        RosterUpload.objects.filter(pk=upload_id, uploaded_by=user).delete()
        raise


def _apply_upload(
    *,
    upload_id: int,
    user: AbstractBaseUser,
    deactivate_missing: bool,
    request: HttpRequest | None,
    invite: bool,
) -> RosterResult | None:
    with transaction.atomic():
        upload = (
            RosterUpload.objects.select_for_update()
            .filter(pk=upload_id, uploaded_by=user)
            .first()
        )
        if upload is None or upload.status == RosterImportStatus.APPLIED:
            return None
        result = apply_rows(
            rows=RosterRows.from_json(upload.rows),
            filename=upload.filename,
            scope=write_scope(user),
            deactivate_missing=deactivate_missing,
            actor=user,
            request=request,
            invite=invite,
        )
        upload.status = RosterImportStatus.APPLIED
        upload.applied_at = timezone.now()
        upload.summary = result.counts
        # The roster now lives in the staff table; keep no second copy of it.
        upload.rows = {}
        upload.save(update_fields=["status", "applied_at", "summary", "rows"])
    return result


# An upload that was previewed but never applied is a copy of the roster that nobody
# needs after a working day.
STALE_AFTER = timedelta(hours=24)


def discard_stale_uploads(*, now: datetime | None = None) -> int:
    """Delete uploads previewed but not applied within a day; returns how many."""
    cutoff = (now or timezone.now()) - STALE_AFTER
    deleted, __ = RosterUpload.objects.filter(
        status=RosterImportStatus.PREVIEWED, created_at__lt=cutoff
    ).delete()
    return deleted
