"""Sign-in lockout: counters in the shared cache, per account and per client address.

Every attempt is counted before its password is checked, and a counter lives for
the window from the first attempt; a failure that reaches the limit sets a lock for
the lockout period, and an attempt beyond the limit is refused unchecked. Counting
in the cache keeps failed attempts from costing database writes, and Redis shares
the counts between every web process.
"""

import contextlib
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from redis.exceptions import RedisError

from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.clients import client_address
from citylearn.core.counters import count_in_window

_PREFIX = "citylearn:signin"

# What counting in the Redis cache raises when it cannot be reached (the cache
# forgives reads and writes, never counting: citylearn/core/cache.py). Sign-in is
# then refused rather than checked uncounted: an outage must not open the door to
# unlimited guessing.
CountersUnavailable = RedisError


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


def _limit(kind: str) -> int:
    if kind == "account":
        return settings.LOGIN_FAILURE_LIMIT
    return settings.LOGIN_ADDRESS_FAILURE_LIMIT


def _count(key: str) -> int:
    return count_in_window(key, window=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def start_attempt(subjects: Subjects) -> dict[str, int] | None:
    """Count an attempt before its password is checked: its place in each count.

    None when it is beyond a limit: its password must not be checked, and it gives
    its places back. Counting first, with the cache's atomic increment, is what
    bounds parallel requests: each holds its place while its password is hashed,
    so no more than the limit are ever checked, however many arrive at once.
    Refusing does not lock: colleagues behind one address signing in at the same
    moment may fill the count for an instant, and must not lock each other out.
    """
    places = {}
    for kind, value in subjects.counted():
        places[kind] = _count(_failures_key(kind, value))
    if all(place <= _limit(kind) for kind, place in places.items()):
        return places
    for kind, value in subjects.counted():
        _give_back(_failures_key(kind, value))
    return None


def at_limit(subjects: Subjects) -> str | None:
    """'account' or 'address' when its count is full at the moment, else None."""
    for kind, value in subjects.counted():
        if (cache.get(_failures_key(kind, value)) or 0) >= _limit(kind):
            return kind
    return None


def record_failure(
    *,
    request: HttpRequest | None,
    subjects: Subjects,
    places: dict[str, int],
    identifier: str,
    user,
) -> str | None:
    """Log a failed attempt; returns what it locked, if anything.

    places are the attempt's own, from start_attempt: an attempt that failed while
    later ones were still being checked must not lock on their behalf.
    """
    record(
        action=AuditAction.SIGN_IN_FAILED,
        request=request,
        target_user=user,
        target_label="" if user else identifier[:100],
    )
    newly_locked = None
    counted = dict(subjects.counted())
    for kind, place in places.items():
        if place < _limit(kind):
            continue
        # The counter must not lapse before the lock: an attempt already past the
        # lock check would otherwise find a fresh counter and be checked.
        cache.touch(_failures_key(kind, counted[kind]), settings.LOGIN_LOCKOUT_SECONDS)
        # add, not set: of two parallel failures that reach the limit, one logs it.
        lock = _lock_key(kind, counted[kind])
        if cache.add(lock, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS):
            record(
                action=AuditAction.LOCKOUT,
                request=request,
                target_user=user,
                target_label="" if user else identifier[:100],
                detail={"locked": kind, "failures": place},
            )
        newly_locked = newly_locked or kind
    return newly_locked


def record_success(subjects: Subjects) -> None:
    """A sign-in forgives the account's earlier failures and gives back its own place.

    Only the right password gets here, so this can never widen an attacker's count.
    The address keeps its earlier failures: colleagues behind one address each
    signing in must not lock it, but a success must not pardon someone's guessing.
    """
    cache.delete(_failures_key("account", subjects.account))
    if subjects.address:
        _give_back(_failures_key("address", subjects.address))


def _give_back(key: str) -> None:
    # ValueError: the counter has expired meanwhile.
    with contextlib.suppress(ValueError):
        cache.decr(key)
