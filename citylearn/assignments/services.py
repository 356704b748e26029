import datetime
from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.courses.models import CoursePage


@transaction.atomic
def assign_course(
    *,
    course: CoursePage,
    people: Iterable[AbstractBaseUser],
    due_on: datetime.date,
    assigned_by: AbstractBaseUser | None = None,
) -> Assignment:
    """Assign a course to named people, due on a date."""
    assignment = Assignment(course=course, due_on=due_on, created_by=assigned_by)
    assignment.full_clean()
    assignment.save()
    AssignedPerson.objects.bulk_create(
        [
            AssignedPerson(assignment=assignment, user=person, due_on=due_on)
            for person in people
        ],
        ignore_conflicts=True,
    )
    return assignment
