import datetime

from django.db import transaction
from django.utils import timezone

from citylearn.organisation.models import Department
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.selectors import (
    FIGURE_NAMES,
    Figures,
    grouped_figures,
    people_behind_by_group,
)


@transaction.atomic
def write_snapshots(*, today: datetime.date) -> int:
    """Record every department's rolled-up figures for the day; a rerun overwrites them.

    One grouped pass per tree level, so the cost follows the tree's depth, not its size.
    Every row of a run shares one refresh time: together they are the tree as it was.
    """
    departments = list(Department.objects.only("path", "depth", "numchild"))
    roots = [department for department in departments if department.depth == 1]
    refreshed_at = timezone.now()
    snapshots = []
    for depth in sorted({department.depth for department in departments}):
        by_path = grouped_figures(groups=roots, depth=depth, today=today)
        behind = people_behind_by_group(depth=depth, today=today)
        for department in departments:
            if department.depth != depth:
                continue
            figures = by_path.get(department.path, Figures())
            snapshots.append(
                DepartmentSnapshot(
                    date=today,
                    department=department,
                    behind=behind.get(department.path, []),
                    path=department.path,
                    numchild=department.numchild,
                    refreshed_at=refreshed_at,
                    **{name: getattr(figures, name) for name in FIGURE_NAMES},
                )
            )
    DepartmentSnapshot.objects.bulk_create(
        snapshots,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["department", "date"],
        update_fields=[*FIGURE_NAMES, "behind", "path", "numchild", "refreshed_at"],
    )
    # Only today's dashboard names people; the trend keeps figures, not who was behind.
    DepartmentSnapshot.objects.filter(date__lt=today).exclude(behind=[]).update(
        behind=[]
    )
    return len(snapshots)
