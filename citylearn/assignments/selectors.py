import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from citylearn.assignments.models import AssignedPerson
from citylearn.courses.models import CoursePage


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


def assignment_of(
    *, user: AbstractBaseUser, course: CoursePage, today: datetime.date
) -> AssignedPerson | None:
    """The person's assignment of this course that is due soonest, with its status."""
    return (
        assignments_of(user=user, today=today).filter(assignment__course=course).first()
    )
