import datetime

from django.db import transaction

from citylearn.organisation.models import Department
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.selectors import Figures, grouped_figures

SNAPSHOT_FIGURES = [
    "people",
    "assigned",
    "completed_on_time",
    "completed_late",
    "in_progress",
    "not_started",
    "overdue",
    "hours_earned",
]


@transaction.atomic
def write_snapshots(*, today: datetime.date) -> int:
    """Record every department's rolled-up figures for the day; a rerun overwrites them.

    One grouped pass per tree level, so the cost follows the tree's depth, not its size.
    """
    departments = list(Department.objects.only("path", "depth"))
    roots = [department for department in departments if department.depth == 1]
    snapshots = []
    for depth in sorted({department.depth for department in departments}):
        by_path = grouped_figures(
            groups=roots, depth=depth, today=today, with_scores=False
        )
        for department in departments:
            if department.depth != depth:
                continue
            figures = by_path.get(department.path, Figures())
            snapshots.append(
                DepartmentSnapshot(
                    date=today,
                    department=department,
                    **{name: getattr(figures, name) for name in SNAPSHOT_FIGURES},
                )
            )
    DepartmentSnapshot.objects.bulk_create(
        snapshots,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["department", "date"],
        update_fields=SNAPSHOT_FIGURES,
    )
    return len(snapshots)
