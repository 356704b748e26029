"""Sign-in lockout: counters in the shared cache, per account and per client address.

A counter starts at the first failure and lives for the window; reaching the limit
sets a lock for the lockout period. Counting in the cache keeps failed attempts from
costing database writes, and Redis shares the counts between every web process.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from citylearn.audit.enums import AuditAction
from citylearn.audit.request_info import client_address
from citylearn.audit.services import record

_PREFIX = "citylearn:signin"


@dataclass(frozen=True)
class Subjects:
    """What a sign-in attempt counts against: the account and the client address."""

    account: str
    address: str | None

    def counted(self) -> list[tuple[str, str]]:
        found = [("account", self.account)]
        if self.address:
            found.append(("address", self.address))
        return found


def subjects_for(request: HttpRequest | None, identifier: str, user) -> Subjects:
    # An unknown name is counted too, hashed, so probing for accounts is also limited;
    # a known account is counted by id, whichever of its names was typed.
    if user is not None:
        account = f"user:{user.pk}"
    else:
        digest = hashlib.sha256(identifier.casefold().encode()).hexdigest()[:32]
        account = f"name:{digest}"
    return Subjects(account=account, address=client_address(request))


def _lock_key(kind: str, value: str) -> str:
    return f"{_PREFIX}:lock:{kind}:{value}"


def _failures_key(kind: str, value: str) -> str:
    return f"{_PREFIX}:fail:{kind}:{value}"


def locked_by(subjects: Subjects) -> str | None:
    """'account' or 'address' when that one is locked, else None."""
    for kind, value in subjects.counted():
        if cache.get(_lock_key(kind, value)):
            return kind
    return None


def record_failure(
    *, request: HttpRequest | None, subjects: Subjects, identifier: str, user
) -> str | None:
    """Count a failed attempt and log it; returns what got locked by it, if anything."""
    record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        target_user=user,
        target_label="" if user else identifier[:100],
    )
    newly_locked = None
    for kind, value in subjects.counted():
        key = _failures_key(kind, value)
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            failures = cache.incr(key)
        except ValueError:  # expired between add and incr: this is the first again
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
            failures = 1
        limit = (
            settings.LOGIN_FAILURE_LIMIT
            if kind == "account"
            else settings.LOGIN_ADDRESS_FAILURE_LIMIT
        )
        if failures >= limit:
            cache.set(_lock_key(kind, value), 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
            cache.delete(key)
            newly_locked = newly_locked or kind
            record(
                action=AuditAction.LOCKOUT,
                request=request,
                target_user=user,
                target_label="" if user else identifier[:100],
                detail={"locked": kind, "failures": failures},
            )
    return newly_locked


def clear_account_failures(subjects: Subjects) -> None:
    """A successful sign-in forgives the account's earlier failures (not the address's)."""
    cache.delete(_failures_key("account", subjects.account))
