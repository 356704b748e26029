"""Assigning courses, changing due dates and withdrawing (coverage.py follows movers).

Every change writes an AssignmentChange row (the history the officer reads) and,
when a person made it, an audit entry. Who is covered is materialised as
AssignedPerson rows written in bulk, so a whole district costs a few queries.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from citylearn.access.permissions import write_scope
from citylearn.assignments.enums import (
    AssignmentChangeKind,
    AssignmentStatus,
    LateReasonKind,
)
from citylearn.assignments.models import (
    AssignedPerson,
    Assignment,
    AssignmentChange,
    LateReason,
)
from citylearn.assignments.selectors import may_change
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.validators import visible_characters_only
from citylearn.courses.models import CoursePage
from citylearn.organisation.models import Department, StaffProfile
from citylearn.organisation.selectors import ancestor_paths

BATCH = 1000

DUE_IN_THE_PAST = "due_in_the_past"
COURSE_NOT_LIVE = "course_not_live"
OUTSIDE_SCOPE = "outside_scope"
ALREADY_ASSIGNED = "already_assigned"
NOBODY = "nobody"
NOT_LATER = "not_later"
WITHDRAWN = "withdrawn"
NOT_YOURS = "not_yours"
NOT_OVERDUE = "not_overdue"
UNKNOWN_KIND = "unknown_kind"
TEXT_REQUIRED = "text_required"
TEXT_TOO_LONG = "text_too_long"
COMMITTED_NOT_FUTURE = "committed_not_future"
COMMITTED_TOO_FAR = "committed_too_far"
# A date further away is not a commitment anybody can hold a person to.
LATEST_COMMITMENT_DAYS = 180


def _check_new_assignment(
    *, course: CoursePage, due_on: datetime.date, today: datetime.date
) -> None:
    # Two officers (or one double click) assigning the same course queue here, so
    # the second sees the first's assignment and is refused instead of duplicating it.
    CoursePage.objects.select_for_update(of=("self",)).filter(pk=course.pk).values(
        "pk"
    ).first()
    if not course.live:
        raise ValidationError(
            _("“%(course)s” is not published, so nobody could take it.")
            % {"course": course.title},
            code=COURSE_NOT_LIVE,
        )
    _check_future(due_on, today)


def _check_future(due_on: datetime.date, today: datetime.date) -> None:
    if due_on < today:
        raise ValidationError(
            _("The due date %(date)s is in the past. Choose today or a later day.")
            % {"date": due_on.isoformat()},
            code=DUE_IN_THE_PAST,
        )


def _overlapping(course: CoursePage, department: Department) -> Assignment | None:
    """An active assignment of the course to this subtree, one above it or one inside it."""
    return (
        Assignment.objects.filter(
            course=course, withdrawn_at__isnull=True, department__isnull=False
        )
        .filter(
            Q(department__path__in=ancestor_paths(department.path))
            | Q(department__path__startswith=department.path)
        )
        .select_related("department")
        .first()
    )


def _log(action: AuditAction, assignment: Assignment, by, request, **detail) -> None:
    if by is None and request is None:
        return
    record(
        action=action,
        request=request,
        actor=by,
        target_label=str(assignment)[:300],
        detail={"assignment": assignment.pk, "course": assignment.course_id, **detail},
    )


@transaction.atomic
def assign_to_department(
    *,
    course: CoursePage,
    department: Department,
    due_on: datetime.date,
    by: AbstractBaseUser | None,
    mandatory: bool = True,
    days_after_joining: int = 30,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> Assignment:
    """Assign a course to everyone active in a department subtree, now and later.

    `by` None is the system itself (the demo): no scope applies and nothing is audited.
    """
    today = today or timezone.localdate()
    _check_new_assignment(course=course, due_on=due_on, today=today)
    if by is not None and not write_scope(by).contains(department):
        raise ValidationError(
            _("%(department)s is outside the departments you manage.")
            % {"department": department.name},
            code=OUTSIDE_SCOPE,
        )
    existing = _overlapping(course, department)
    if existing is not None:
        raise ValidationError(
            _(
                "“%(course)s” is already assigned to %(department)s, which overlaps "
                "this department. Extend that assignment, or withdraw it first."
            )
            % {"course": course.title, "department": existing.department.name},
            code=ALREADY_ASSIGNED,
        )
    assignment = Assignment(
        course=course,
        department=department,
        due_on=due_on,
        mandatory=mandatory,
        days_after_joining=days_after_joining,
        created_by=by,
    )
    # _overlapping() above already covers the database's uniqueness constraint.
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    covered = _cover_subtree(assignment)
    AssignmentChange.objects.create(
        assignment=assignment,
        kind=AssignmentChangeKind.CREATED,
        new_due_on=due_on,
        changed_by=by,
    )
    _log(
        AuditAction.ASSIGNMENT_CREATED,
        assignment,
        by,
        request,
        department=department.code,
        people=covered,
    )
    return assignment


@transaction.atomic
def assign_to_people(
    *,
    course: CoursePage,
    people: Iterable[AbstractBaseUser],
    due_on: datetime.date,
    by: AbstractBaseUser | None,
    mandatory: bool = True,
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> Assignment:
    """Assign a course to named people; with `by`, each must be staff in their scope."""
    today = today or timezone.localdate()
    _check_new_assignment(course=course, due_on=due_on, today=today)
    user_ids = sorted({person.pk for person in people})
    if not user_ids:
        raise ValidationError(_("Choose at least one person."), code=NOBODY)
    if by is not None:
        allowed = StaffProfile.objects.filter(
            write_scope(by).q(), user_id__in=user_ids
        ).count()
        if allowed != len(user_ids):
            raise ValidationError(
                _("Some of these people are outside the departments you manage."),
                code=OUTSIDE_SCOPE,
            )
    already = list(
        StaffProfile.objects.filter(
            user_id__in=user_ids,
            user__assigned_courses__assignment__course=course,
            user__assigned_courses__assignment__withdrawn_at__isnull=True,
            user__assigned_courses__released_on__isnull=True,
        ).values_list("name", flat=True)[:10]
    )
    if already:
        raise ValidationError(
            _("“%(course)s” is already assigned to %(names)s.")
            % {"course": course.title, "names": "、".join(already)},
            code=ALREADY_ASSIGNED,
        )
    assignment = Assignment(
        course=course, due_on=due_on, mandatory=mandatory, created_by=by
    )
    assignment.full_clean()
    assignment.save()
    AssignedPerson.objects.bulk_create(
        [
            AssignedPerson(assignment=assignment, user_id=user_id, due_on=due_on)
            for user_id in user_ids
        ],
        batch_size=BATCH,
    )
    AssignmentChange.objects.create(
        assignment=assignment,
        kind=AssignmentChangeKind.CREATED,
        new_due_on=due_on,
        changed_by=by,
    )
    _log(AuditAction.ASSIGNMENT_CREATED, assignment, by, request, people=len(user_ids))
    return assignment


def _cover_subtree(assignment: Assignment) -> int:
    """Insert a row for everyone active in the subtree; returns how many.

    One INSERT … SELECT whatever the size: the people never travel through Python,
    and SQLite's parameter limit would otherwise split 20,000 rows into 100 inserts.
    """
    staff = (
        StaffProfile.objects.active()
        .in_subtree(assignment.department)
        .order_by()
        .values_list("user_id")
    )
    select, params = staff.query.sql_with_params()
    table = connection.ops.quote_name(AssignedPerson._meta.db_table)
    operations = connection.ops
    # Only the table name and Django's own compiled query are interpolated.
    sql = (
        f"INSERT INTO {table} (assignment_id, due_on, added_at, user_id) "  # noqa: S608
        f"SELECT %s, %s, %s, placed.user_id FROM ({select}) placed"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            (
                assignment.pk,
                operations.adapt_datefield_value(assignment.due_on),
                operations.adapt_datetimefield_value(timezone.now()),
                *params,
            ),
        )
        return cursor.rowcount


def _lock_changeable(assignment: Assignment, by) -> Assignment:
    """The assignment locked and read again, so that a withdrawal made meanwhile
    refuses the change; refused when withdrawn or outside the person's scope."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.withdrawn_at is not None:
        raise ValidationError(
            _("This assignment has been withdrawn and can no longer be changed."),
            code=WITHDRAWN,
        )
    if by is not None and not may_change(by, assignment):
        raise ValidationError(
            _("This assignment is outside the departments you manage."),
            code=OUTSIDE_SCOPE,
        )
    return assignment


def _check_later(new_due_on: datetime.date, due_on: datetime.date) -> None:
    if new_due_on <= due_on:
        raise ValidationError(
            _("The new due date must be later than %(date)s.")
            % {"date": due_on.isoformat()},
            code=NOT_LATER,
        )


@transaction.atomic
def extend_assignment(
    *,
    assignment: Assignment,
    new_due_on: datetime.date,
    by: AbstractBaseUser | None,
    reason: str = "",
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> int:
    """Move the assignment's due date later, for everyone; returns the rows moved.

    Nobody stays due before the new date: rows due earlier (the old default) move to
    it. A person whose own extension already runs later keeps their own date.
    """
    assignment = _lock_changeable(assignment, by)
    _check_future(new_due_on, today or timezone.localdate())
    _check_later(new_due_on, assignment.due_on)
    old_due_on = assignment.due_on
    moved = assignment.assigned_people.filter(due_on__lt=new_due_on).update(
        due_on=new_due_on
    )
    assignment.due_on = new_due_on
    assignment.save(update_fields=["due_on"])
    AssignmentChange.objects.create(
        assignment=assignment,
        kind=AssignmentChangeKind.EXTENDED,
        old_due_on=old_due_on,
        new_due_on=new_due_on,
        reason=reason,
        changed_by=by,
    )
    _log(
        AuditAction.ASSIGNMENT_EXTENDED,
        assignment,
        by,
        request,
        old=old_due_on.isoformat(),
        new=new_due_on.isoformat(),
        people=moved,
        reason=reason,
    )
    return moved


@transaction.atomic
def extend_for_person(
    *,
    assignment: Assignment,
    user: AbstractBaseUser,
    new_due_on: datetime.date,
    by: AbstractBaseUser | None,
    reason: str = "",
    request: HttpRequest | None = None,
    today: datetime.date | None = None,
) -> AssignedPerson:
    """Give one person a later due date than the assignment's."""
    assignment = _lock_changeable(assignment, by)
    _check_future(new_due_on, today or timezone.localdate())
    row = (
        AssignedPerson.objects.select_for_update()
        .filter(assignment=assignment, user=user, released_on__isnull=True)
        .first()
    )
    if row is None:
        raise ValidationError(
            _("This person is not covered by this assignment."), code=NOBODY
        )
    _check_later(new_due_on, row.due_on)
    old_due_on = row.due_on
    row.due_on = new_due_on
    row.save(update_fields=["due_on"])
    AssignmentChange.objects.create(
        assignment=assignment,
        kind=AssignmentChangeKind.PERSON_EXTENDED,
        person=user,
        old_due_on=old_due_on,
        new_due_on=new_due_on,
        reason=reason,
        changed_by=by,
    )
    if by is not None or request is not None:
        record(
            action=AuditAction.ASSIGNMENT_EXTENDED,
            request=request,
            actor=by,
            target_user=user,
            detail={
                "assignment": assignment.pk,
                "course": assignment.course_id,
                "old": old_due_on.isoformat(),
                "new": new_due_on.isoformat(),
                "reason": reason,
            },
        )
    return row


@transaction.atomic
def withdraw_assignment(
    *,
    assignment: Assignment,
    by: AbstractBaseUser | None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> Assignment:
    """Stop requiring the course: it leaves learners' lists and reports; history stays."""
    assignment = _lock_changeable(assignment, by)
    assignment.withdrawn_at = timezone.now()
    assignment.save(update_fields=["withdrawn_at"])
    AssignmentChange.objects.create(
        assignment=assignment,
        kind=AssignmentChangeKind.WITHDRAWN,
        reason=reason,
        changed_by=by,
    )
    _log(AuditAction.ASSIGNMENT_WITHDRAWN, assignment, by, request, reason=reason)
    return assignment


def _check_late_reason(
    *, kind: str, text: str, committed_on: datetime.date, today: datetime.date
) -> None:
    errors: dict[str, ValidationError] = {}
    if kind not in LateReasonKind.values:
        errors["kind"] = ValidationError(_("Choose a reason."), code=UNKNOWN_KIND)
    if kind == LateReasonKind.OTHER and not text:
        errors["text"] = ValidationError(
            _("Say in a few words why, when the reason is “other”."),
            code=TEXT_REQUIRED,
        )
    elif len(text) > LateReason._meta.get_field("text").max_length:
        errors["text"] = ValidationError(
            _("Keep the explanation to %(limit)s characters.")
            % {"limit": LateReason._meta.get_field("text").max_length},
            code=TEXT_TOO_LONG,
        )
    else:
        try:
            visible_characters_only(text)
        except ValidationError as error:
            errors["text"] = error
    if committed_on <= today:
        errors["committed_on"] = ValidationError(
            _("Choose a day after today."), code=COMMITTED_NOT_FUTURE
        )
    elif committed_on > today + datetime.timedelta(days=LATEST_COMMITMENT_DAYS):
        errors["committed_on"] = ValidationError(
            _("Choose a day within %(days)s days.") % {"days": LATEST_COMMITMENT_DAYS},
            code=COMMITTED_TOO_FAR,
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def give_late_reason(
    *,
    assigned: AssignedPerson,
    user: AbstractBaseUser,
    kind: str,
    text: str,
    committed_on: datetime.date,
    today: datetime.date | None = None,
) -> LateReason:
    """Record, or replace, why the person is late with their own overdue assignment."""
    today = today or timezone.localdate()
    text = text.strip()
    # Locked so that a reason and a simultaneous extension see each other.
    row = (
        AssignedPerson.objects.select_for_update()
        .filter(
            pk=assigned.pk,
            user=user,
            released_on__isnull=True,
            assignment__withdrawn_at__isnull=True,
        )
        .first()
    )
    if row is None:
        raise ValidationError(
            _("This is not one of your current assignments."), code=NOT_YOURS
        )
    status = (
        AssignedPerson.objects.filter(pk=row.pk)
        .with_status(today)
        .values_list("status", flat=True)
        .get()
    )
    if status != AssignmentStatus.OVERDUE:
        raise ValidationError(
            _("This assignment is not overdue, so no reason is needed."),
            code=NOT_OVERDUE,
        )
    _check_late_reason(kind=kind, text=text, committed_on=committed_on, today=today)
    reason, __ = LateReason.objects.update_or_create(
        assigned=row,
        defaults={
            "kind": kind,
            "text": text,
            "committed_on": committed_on,
            "given_at": timezone.now(),
        },
    )
    return reason
