import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from citylearn.access.permissions import Scope, read_scope, write_scope
from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.courses.models import CoursePage
from citylearn.organisation.selectors import ancestor_paths
from citylearn.progress.models import CourseCompletion


def assignments_of(
    *, user: AbstractBaseUser, today: datetime.date
) -> QuerySet[AssignedPerson]:
    """The person's current assignments with their status, soonest due first.

    Withdrawn assignments, and those of a subtree the person left, are history only.
    """
    return (
        AssignedPerson.objects.filter(
            user=user, assignment__withdrawn_at__isnull=True, released_on__isnull=True
        )
        .with_status(today)
        .select_related("assignment__course")
        .order_by("due_on", "assignment__pk")
    )


def overdue_of(
    *, user: AbstractBaseUser, today: datetime.date
) -> QuerySet[AssignedPerson]:
    """The person's overdue assignments, each with the reason they gave, if any."""
    return (
        assignments_of(user=user, today=today)
        .filter(status=AssignmentStatus.OVERDUE)
        .select_related("late_reason")
    )


def assignment_of(
    *, user: AbstractBaseUser, course: CoursePage, today: datetime.date
) -> AssignedPerson | None:
    """The person's assignment of this course that is due soonest, with its status."""
    return (
        assignments_of(user=user, today=today).filter(assignment__course=course).first()
    )


def _people_in(scope: Scope) -> Q:
    return scope.q("user__staff_profile__department__path")


def visible_assignments(user) -> QuerySet[Assignment]:
    """Assignments touching the user's read scope.

    A department assignment is visible when its subtree overlaps the scope (one
    above a head's department covers their people too); a named one when someone
    named is inside it.
    """
    scope = read_scope(user)
    if scope.everything:
        return Assignment.objects.all()
    above = {path for inner in scope.paths for path in ancestor_paths(inner)}
    named_inside = AssignedPerson.objects.filter(
        _people_in(scope), assignment=OuterRef("pk"), released_on__isnull=True
    )
    return Assignment.objects.filter(
        Q(department__path__in=above)
        | scope.q("department__path")
        | Q(Exists(named_inside), department__isnull=True)
    )


def assignments_visible_to(user, *, today: datetime.date) -> QuerySet[Assignment]:
    """The visible assignments with counts of the people in the user's scope.

    The counts are correlated subqueries: one query per page.
    """
    rows = AssignedPerson.objects.filter(
        _people_in(read_scope(user)),
        assignment=OuterRef("pk"),
        released_on__isnull=True,
    )
    completed = CourseCompletion.objects.filter(
        user=OuterRef("user"), course=OuterRef("assignment__course")
    )
    visible = visible_assignments(user)
    return visible.select_related("course", "department").annotate(
        people_count=_count(rows),
        completed_count=_count(rows.filter(Exists(completed))),
        overdue_count=_count(rows.filter(~Exists(completed), due_on__lt=today)),
    )


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().values("assignment").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def people_of(
    assignment: Assignment, *, user, today: datetime.date
) -> QuerySet[AssignedPerson]:
    """The people of an assignment the user may see, with their status."""
    return (
        assignment.assigned_people.filter(_people_in(read_scope(user)))
        .with_status(today)
        .select_related("user__staff_profile__department")
        .order_by(
            "user__staff_profile__department__path", "user__staff_profile__employee_id"
        )
    )


def may_change(user, assignment: Assignment) -> bool:
    """Whether the user manages everyone the assignment covers."""
    scope = write_scope(user)
    if not scope:
        return False
    if assignment.department_id is not None:
        return scope.contains(assignment.department)
    return not assignment.assigned_people.exclude(_people_in(scope)).exists()
