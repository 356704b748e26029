from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from citylearn.audit.encoding import encode_control_characters
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.audit.retention import retention_cutoff
from citylearn.core.clients import client_address


def user_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """How a person is named in the log: employee id and name when they are staff."""
    if user is None or not user.is_authenticated:
        return ""
    profile = getattr(user, "staff_profile", None)
    if profile is not None:
        return f"{profile.employee_id} {profile.name}"
    return user.get_username()


@dataclass
class PendingEntry:
    """An entry prepared for a bulk write (roster imports log one per person)."""

    action: AuditAction
    target_user_id: int | None = None
    target_label: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def _clip(value: str, length: int) -> str:
    return encode_control_characters(value)[:length]


def record(
    *,
    action: AuditAction,
    request: HttpRequest | None = None,
    actor: AbstractBaseUser | None = None,
    actor_label: str = "",
    target_user: AbstractBaseUser | None = None,
    target_label: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry; the actor defaults to the request's signed-in user."""
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEntry.objects.create(
        actor=actor,
        actor_label=_clip(actor_label or user_label(actor), 200),
        action=action,
        target_user=target_user,
        target_label=_clip(target_label or user_label(target_user), 300),
        address=client_address(request),
        detail=encode_control_characters(detail or {}),
    )


def record_many(
    *,
    entries: Iterable[PendingEntry],
    actor: AbstractBaseUser | None,
    actor_label: str = "",
    request: HttpRequest | None = None,
) -> int:
    """Append many entries in batches; returns how many were written."""
    now = timezone.now()
    label = _clip(actor_label or user_label(actor), 200)
    address = client_address(request)
    rows = [
        AuditEntry(
            at=now,
            actor=actor,
            actor_label=label,
            action=entry.action,
            target_user_id=entry.target_user_id,
            target_label=_clip(entry.target_label, 300),
            address=address,
            detail=encode_control_characters(entry.detail),
        )
        for entry in entries
    ]
    AuditEntry.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def purge_expired_entries(*, now: datetime | None = None) -> int:
    """Delete entries older than the retention period; returns how many went."""
    now = now or timezone.now()
    cutoff = retention_cutoff(now)
    expired = AuditEntry.objects.filter(at__lt=cutoff)
    # The one sanctioned deletion bypasses the append-only queryset on purpose.
    deleted, __ = models.QuerySet.delete(expired)
    if deleted:
        record(
            action=AuditAction.AUDIT_PURGED,
            actor_label="system",
            detail={"deleted": deleted, "older_than": cutoff.isoformat()},
        )
    return deleted
