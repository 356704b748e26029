"""Keeping department assignments in step with where people are.

The organisation sends `staff_placed` after staff are created, moved, reactivated or
deactivated, in bulk; this brings their AssignedPerson rows in line, a chunk of
people at a time, so a 20,000-person roster costs queries per chunk, not per person.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from citylearn.assignments.enums import AssignmentChangeKind
from citylearn.assignments.models import AssignedPerson, Assignment, AssignmentChange
from citylearn.organisation.models import StaffProfile
from citylearn.organisation.selectors import ancestor_paths
from citylearn.progress.models import CourseCompletion

BATCH = 1000
# Lookups of many ids are split so that no database meets its parameter limit.
CHUNK = 900


def _chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _joining_due_on(
    assignment: Assignment, joined_on: datetime.date | None, today: datetime.date
) -> datetime.date:
    # Someone whose organisation joining date precedes the assignment is a mover
    # (or was imported late): their time starts today, not years ago. Nobody is due
    # earlier than the people covered when the assignment was made.
    start = today
    if joined_on is not None and joined_on >= assignment.created_at.date():
        start = min(joined_on, today)
    allowed = start + datetime.timedelta(days=assignment.days_after_joining)
    return max(assignment.due_on, allowed)


@transaction.atomic
def cover_placed_staff(
    *, user_ids: Iterable[int], today: datetime.date | None = None
) -> dict[str, int]:
    """Bring these people's rows in line with where they now are.

    Active staff get a row in every department assignment whose subtree holds their
    department (a released row comes back rather than a second one); rows of
    assignments whose subtree they left, and every row of a deactivated person,
    are released unless the course is already completed. Returns the counts.
    """
    today = today or timezone.localdate()
    user_ids = sorted(set(user_ids))
    by_path: dict[str, list[Assignment]] = {}
    for assignment in Assignment.objects.filter(
        department__isnull=False, withdrawn_at__isnull=True
    ).select_related("department"):
        by_path.setdefault(assignment.department.path, []).append(assignment)
    assignments = {a.pk: a for group in by_path.values() for a in group}

    added: list[AssignedPerson] = []
    returned: list[AssignedPerson] = []
    released: list[AssignedPerson] = []
    for chunk in _chunks(user_ids):
        staff = StaffProfile.objects.filter(user_id__in=chunk).values_list(
            "user_id", "department__path", "is_active", "joined_on"
        )
        rows: dict[int, dict[int, AssignedPerson]] = {}
        for row in AssignedPerson.objects.filter(
            user_id__in=chunk, assignment__withdrawn_at__isnull=True
        ).select_related("assignment"):
            rows.setdefault(row.user_id, {})[row.assignment_id] = row
        completed = set(
            CourseCompletion.objects.filter(user_id__in=chunk).values_list(
                "user_id", "course_id"
            )
        )
        for user_id, path, is_active, joined_on in staff:
            own = rows.get(user_id, {})
            wanted = set()
            if is_active:
                for ancestor in ancestor_paths(path):
                    wanted.update(a.pk for a in by_path.get(ancestor, ()))
            for assignment_id in wanted:
                assignment = assignments[assignment_id]
                due_on = _joining_due_on(assignment, joined_on, today)
                row = own.get(assignment_id)
                if row is None:
                    added.append(
                        AssignedPerson(
                            assignment=assignment, user_id=user_id, due_on=due_on
                        )
                    )
                elif row.released_on is not None:
                    row.released_on = None
                    row.due_on = max(row.due_on, due_on)
                    returned.append(row)
            for assignment_id, row in own.items():
                # Named people stay named wherever they move, until they leave.
                left = not is_active or (
                    row.assignment.department_id and assignment_id not in wanted
                )
                if (
                    left
                    and row.released_on is None
                    and (user_id, row.assignment.course_id) not in completed
                ):
                    row.released_on = today
                    released.append(row)

    AssignedPerson.objects.bulk_create(added, batch_size=BATCH)
    AssignedPerson.objects.bulk_update(
        returned + released, ["released_on", "due_on"], batch_size=BATCH
    )
    AssignmentChange.objects.bulk_create(
        [
            AssignmentChange(
                assignment_id=row.assignment_id,
                kind=kind,
                person_id=row.user_id,
                new_due_on=row.due_on
                if kind == AssignmentChangeKind.PERSON_ADDED
                else None,
            )
            for kind, group in (
                (AssignmentChangeKind.PERSON_ADDED, added + returned),
                (AssignmentChangeKind.PERSON_RELEASED, released),
            )
            for row in group
        ],
        batch_size=BATCH,
    )
    return {"added": len(added), "returned": len(returned), "released": len(released)}
