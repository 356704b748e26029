import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.organisation.models import Department
from citylearn.reports.digests import render_digest, weekly_digest
from citylearn.reports.models import DepartmentSnapshot, DigestDelivery
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


def send_weekly_digests(*, today: datetime.date) -> int:
    """Send this week's digest to every active head who has not had it; returns how many."""
    heads = (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role=Role.DEPARTMENT_HEAD)
        .distinct()
        .select_related("staff_profile")
        .order_by("pk")
    )
    return sum(send_digest(head=head, today=today) for head in heads)


def _address(head: AbstractBaseUser) -> str:
    profile = getattr(head, "staff_profile", None)
    return head.email or (profile.email if profile is not None else "")


def send_digest(*, head: AbstractBaseUser, today: datetime.date) -> bool:
    """Claim the head's digest for today's ISO week, then send it; False if already claimed.

    A claim whose sending fails is given up, so that the next run sends it; a worker
    killed between claim and mail loses that week's digest rather than sending two.
    """
    address = _address(head)
    if not address:
        return False
    year, week, __ = today.isocalendar()
    try:
        with transaction.atomic():
            claim = DigestDelivery.objects.create(
                head=head, iso_year=year, iso_week=week
            )
    except IntegrityError:
        return False
    try:
        digest = weekly_digest(head=head, today=today)
        if digest is not None:
            subject, body = render_digest(digest)
            send_mail(subject, body, None, [address])
    except Exception:
        DigestDelivery.objects.filter(pk=claim.pk).delete()
        raise
    if digest is None:
        # No longer a head: nothing was sent, and a later role may still get one.
        DigestDelivery.objects.filter(pk=claim.pk).delete()
        return False
    DigestDelivery.objects.filter(pk=claim.pk).update(sent_at=timezone.now())
    return True
