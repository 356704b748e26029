from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef
from django.db.models.functions import Substr

from citylearn.organisation.models import Department, StaffProfile
from citylearn.progress.models import CourseCompletion
from citylearn.transparency.models import TrainingSnapshot


@dataclass(frozen=True)
class CategoryCount:
    """Counts of people in one group of departments: a top-level unit and its subtree."""

    category: str
    people: int
    trained: int
    completed_mandatory: int


def training_counts_by_department_category() -> list[CategoryCount]:
    """Per top-level unit of the department tree (a bureau, a street, ...): its active
    staff, those who completed at least one course, and those who completed a
    mandatory course (the data-security course), counted by the database.
    """
    # A top-level unit's subtree is every department whose path starts with its own.
    unit_path_length = 2 * Department.steplen
    completions = CourseCompletion.objects.filter(user=OuterRef("user"))
    rows = (
        StaffProfile.objects.active()
        .annotate(unit=Substr("department__path", 1, unit_path_length))
        .values("unit")
        .annotate(
            people=Count("pk"),
            trained=Count("pk", filter=Exists(completions)),
            completed_mandatory=Count(
                "pk", filter=Exists(completions.filter(course__mandatory=True))
            ),
        )
        .order_by("unit")
    )
    rows = list(rows)
    names = dict(
        Department.objects.filter(path__in=[row["unit"] for row in rows]).values_list(
            "path", "name"
        )
    )
    return [
        CategoryCount(
            category=names[row["unit"]],
            people=row["people"],
            trained=row["trained"],
            completed_mandatory=row["completed_mandatory"],
        )
        for row in rows
    ]


def latest_snapshot() -> TrainingSnapshot | None:
    return (
        TrainingSnapshot.objects.prefetch_related("categories")
        .order_by("-taken_on")
        .first()
    )
