"""Write a roster plan in one transaction: all of it, or nothing."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation

from citylearn.access.permissions import Scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import PendingEntry, record, record_many
from citylearn.core.events import send_after_commit
from citylearn.organisation.enums import RosterChangeKind
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.imports.notices import queue_email_change_notices
from citylearn.organisation.imports.planning import (
    CHUNK,
    PersonRow,
    RosterPlan,
    chunks,
    plan_roster,
)
from citylearn.organisation.imports.reading import RosterRows, read_roster
from citylearn.organisation.models import StaffProfile
from citylearn.organisation.signals import staff_created, staff_placed

BATCH = 500


@dataclass(frozen=True)
class RosterResult:
    counts: dict[str, int]
    created_user_ids: list[int]


def preview_roster(
    *,
    content: bytes,
    filename: str,
    scope: Scope,
    actor: AbstractBaseUser | None = None,
) -> RosterPlan:
    """Read and compare without writing anything."""
    return plan_roster(read_roster(content, filename), scope=scope, actor=actor)


def _create(people: list[PersonRow], today: date) -> list[int]:
    User = get_user_model()
    # No usable password: the person chooses one through an emailed activation link.
    users = [
        User(
            username=person.employee_id,
            email=person.email,
            first_name=person.name[:150],
            password=make_password(None),
        )
        for person in people
    ]
    User.objects.bulk_create(users, batch_size=BATCH)
    user_ids: dict[str, int] = {}
    for chunk in chunks([person.employee_id for person in people], CHUNK):
        user_ids.update(
            User.objects.filter(username__in=chunk).values_list("username", "id")
        )
    StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user_ids[person.employee_id],
                employee_id=person.employee_id,
                name=person.name,
                department_id=person.department_id,
                position=person.position,
                email=person.email,
                phone=person.phone,
                joined_on=today,
            )
            for person in people
        ],
        batch_size=BATCH,
    )
    for person in people:
        person.user_id = user_ids[person.employee_id]
    return list(user_ids.values())


STAFF_FIELDS = {"department_id": "department", "is_active": "is_active"}
USER_FIELDS = {"email": "email", "name": "first_name", "is_active": "is_active"}


def _update(people: list[PersonRow]) -> None:
    # bulk_update writes one CASE expression per field and row, so people are grouped
    # by what changed: a move then rewrites one column, not eight.
    User = get_user_model()
    now = timezone.now()
    groups: dict[tuple[str, ...], list[PersonRow]] = {}
    for person in people:
        groups.setdefault(person.changed, []).append(person)
    for changed, group in groups.items():
        staff_fields = [STAFF_FIELDS.get(name, name) for name in changed]
        if "is_active" in changed:
            staff_fields.append("left_on")
        StaffProfile.objects.bulk_update(
            [
                StaffProfile(
                    pk=person.staff_id,
                    name=person.name,
                    department_id=person.department_id,
                    position=person.position,
                    email=person.email,
                    phone=person.phone,
                    is_active=True,
                    left_on=None,
                    updated_at=now,
                )
                for person in group
            ],
            [*staff_fields, "updated_at"],
            batch_size=BATCH,
        )
        user_fields = [USER_FIELDS[name] for name in changed if name in USER_FIELDS]
        if user_fields:
            User.objects.bulk_update(
                [
                    User(
                        pk=person.user_id,
                        email=person.email,
                        first_name=person.name[:150],
                        is_active=True,
                    )
                    for person in group
                ],
                user_fields,
                batch_size=BATCH,
            )


def _deactivate(plan: RosterPlan, today: date) -> None:
    User = get_user_model()
    for chunk in chunks(plan.departures, CHUNK):
        StaffProfile.objects.filter(pk__in=[d.staff_id for d in chunk]).update(
            is_active=False, left_on=today, updated_at=timezone.now()
        )
        User.objects.filter(pk__in=[d.user_id for d in chunk]).update(is_active=False)


def _audit_entries(plan: RosterPlan, deactivate: bool):
    actions = {
        RosterChangeKind.CREATE: AuditAction.STAFF_CREATED,
        RosterChangeKind.UPDATE: AuditAction.STAFF_UPDATED,
        RosterChangeKind.MOVE: AuditAction.STAFF_MOVED,
    }
    for person in plan.people:
        if person.kind in actions:
            detail = {"department": person.department_code}
            if person.kind == RosterChangeKind.MOVE:
                detail["from"] = person.previous_department_code
            if person.changed:
                detail["changed"] = list(person.changed)
            if person.old_sign_in_email:
                detail["sign_in_email"] = {
                    "from": person.old_sign_in_email,
                    "to": person.email,
                }
            yield PendingEntry(
                action=actions[person.kind],
                target_user_id=person.user_id,
                target_label=f"{person.employee_id} {person.name}",
                detail=detail,
            )
    if deactivate:
        for departure in plan.departures:
            yield PendingEntry(
                action=AuditAction.STAFF_DEACTIVATED,
                target_user_id=departure.user_id,
                target_label=f"{departure.employee_id} {departure.name}",
                detail={"department": departure.department_code},
            )


def apply_roster(
    *,
    content: bytes,
    filename: str,
    scope: Scope,
    deactivate_missing: bool,
    actor: AbstractBaseUser | None,
    actor_label: str = "",
) -> RosterResult:
    """`apply_rows` for a roster file, as the command line has it."""
    return apply_rows(
        rows=read_roster(content, filename),
        filename=filename,
        scope=scope,
        deactivate_missing=deactivate_missing,
        actor=actor,
        actor_label=actor_label,
    )


@transaction.atomic
def apply_rows(
    *,
    rows: RosterRows,
    filename: str,
    scope: Scope,
    deactivate_missing: bool,
    actor: AbstractBaseUser | None,
    actor_label: str = "",
    request: HttpRequest | None = None,
    today: date | None = None,
    invite: bool = False,
) -> RosterResult:
    """Compare and write roster rows; raises RosterHasErrors and writes nothing if any
    row is wrong. Applying the same rows again changes nothing. Whoever loses a
    sign-in email is told at that address once the transaction commits; with invite,
    new staff are sent their activation links then (`signals.staff_created`)."""
    today = today or timezone.localdate()
    plan = plan_roster(rows, scope=scope, actor=actor)
    if plan.errors:
        raise RosterHasErrors(plan.errors)
    created = _create(plan.of_kind(RosterChangeKind.CREATE), today)
    updated = plan.of_kind(RosterChangeKind.UPDATE) + plan.of_kind(
        RosterChangeKind.MOVE
    )
    _update(updated)
    if deactivate_missing:
        _deactivate(plan, today)
    queue_email_change_notices(
        changes=[
            (person.user_id, person.old_sign_in_email)
            for person in updated
            if person.old_sign_in_email
        ]
    )
    staff_placed.send(
        sender=StaffProfile,
        user_ids=created
        + [
            person.user_id
            for person in plan.people
            if person.kind != RosterChangeKind.UNCHANGED and person.user_id
        ]
        + ([d.user_id for d in plan.departures] if deactivate_missing else []),
    )
    if created:
        send_after_commit(
            staff_created,
            sender=StaffProfile,
            user_ids=created,
            invite=invite,
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
    counts = plan.counts()
    if not deactivate_missing:
        counts["deactivate"] = 0
    record_many(
        entries=_audit_entries(plan, deactivate_missing),
        actor=actor,
        actor_label=actor_label,
        request=request,
    )
    record(
        action=AuditAction.ROSTER_APPLIED,
        request=request,
        actor=actor,
        actor_label=actor_label,
        target_label=filename[:300],
        detail={"counts": counts, "deactivate_missing": deactivate_missing},
    )
    return RosterResult(counts=counts, created_user_ids=created)
