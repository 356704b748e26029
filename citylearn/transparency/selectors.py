from dataclasses import dataclass

from citylearn.transparency.models import TrainingSnapshot


@dataclass(frozen=True)
class CategoryCount:
    """Counts of people in one department category (e.g. 委办局, 街道, 社区)."""

    category: str
    people: int
    trained: int
    completed_mandatory: int


def training_counts_by_department_category() -> list[CategoryCount]:
    """Per department category: active staff, staff who completed at least one course,
    and staff who completed the mandatory data-security course.

    The organisation and learning apps (departments, staff profiles, course
    completions) are not part of this branch: until this is pointed at them, the
    site has no completion data and the page says so.
    """
    return []


def latest_snapshot() -> TrainingSnapshot | None:
    return (
        TrainingSnapshot.objects.prefetch_related("categories")
        .order_by("-taken_on")
        .first()
    )
