"""Publishing aggregate training figures without revealing any group under five people."""

from django.db import transaction
from django.utils import timezone

from citylearn.pagecache.services import invalidate_public_pages
from citylearn.transparency.models import (
    MIN_GROUP_SIZE,
    CategoryFigures,
    TrainingSnapshot,
)
from citylearn.transparency.selectors import (
    CategoryCount,
    training_counts_by_department_category,
)


def withheld_categories(counts: list[CategoryCount]) -> set[str]:
    """The categories whose figures must not be published.

    Every group under MIN_GROUP_SIZE people; and, because the totals are published, one
    more (the next smallest) when exactly one is withheld, or its figures could be
    worked out by subtracting the others from the totals.
    """
    small = {count.category for count in counts if count.people < MIN_GROUP_SIZE}
    if len(small) == 1:
        shown = sorted(
            (count for count in counts if count.category not in small),
            key=lambda count: (count.people, count.category),
        )
        if shown:
            small.add(shown[0].category)
    return small


@transaction.atomic
def refresh_training_snapshot() -> TrainingSnapshot:
    """Compute today's public figures; running it again the same day replaces them."""
    counts = training_counts_by_department_category()
    withheld = withheld_categories(counts)
    now = timezone.now()
    people = sum(count.people for count in counts)
    totals_shown = people >= MIN_GROUP_SIZE
    snapshot, __ = TrainingSnapshot.objects.update_or_create(
        taken_on=timezone.localdate(now),
        defaults={
            "taken_at": now,
            "people": people if totals_shown else None,
            "trained": sum(c.trained for c in counts) if totals_shown else None,
            "completed_mandatory": (
                sum(c.completed_mandatory for c in counts) if totals_shown else None
            ),
        },
    )
    snapshot.categories.all().delete()
    CategoryFigures.objects.bulk_create(
        CategoryFigures(
            snapshot=snapshot,
            category=count.category,
            position=position,
            suppressed=count.category in withheld,
            **(
                {}
                if count.category in withheld
                else {
                    "people": count.people,
                    "trained": count.trained,
                    "completed_mandatory": count.completed_mandatory,
                }
            ),
        )
        for position, count in enumerate(counts)
    )
    transaction.on_commit(invalidate_public_pages)
    return snapshot
