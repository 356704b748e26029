"""What a department head's weekly digest says: their subtrees this week and last."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from citylearn.access.enums import Role
from citylearn.assignments.models import AssignedPerson
from citylearn.organisation.models import Department
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.selectors import (
    FIGURE_NAMES,
    Figures,
    grouped_figures,
    overdue_people,
)

# A mail is read, not searched: past this many the head opens the dashboard.
OVERDUE_LISTED = 50


@dataclass(frozen=True)
class Digest:
    head: AbstractBaseUser
    today: datetime.date
    departments: list[Department]
    now: Figures
    # The same figures from the snapshots of a week ago; None if any is missing.
    week_ago: Figures | None
    overdue: list[AssignedPerson]
    overdue_count: int

    @property
    def week(self) -> tuple[int, int]:
        year, week, __ = self.today.isocalendar()
        return year, week

    @property
    def rate_change(self) -> str:
        return f"{self.now.completion_rate - self.week_ago.completion_rate:+d}"

    @property
    def completed_change(self) -> str:
        return f"{self.now.completed - self.week_ago.completed:+d}"

    @property
    def overdue_change(self) -> str:
        return f"{self.now.overdue - self.week_ago.overdue:+d}"


def head_departments(head: AbstractBaseUser) -> list[Department]:
    """The tops of the subtrees the person heads (one inside another counts once)."""
    paths = sorted(
        head.role_assignments.filter(role=Role.DEPARTMENT_HEAD).values_list(
            "department__path", flat=True
        )
    )
    tops: list[str] = []
    for path in paths:
        if not any(path.startswith(outer) for outer in tops):
            tops.append(path)
    return list(Department.objects.filter(path__in=tops).order_by("path"))


def _week_ago(departments: list[Department], day: datetime.date) -> Figures | None:
    snapshots = list(
        DepartmentSnapshot.objects.filter(department__in=departments, date=day)
    )
    if len(snapshots) != len(departments):
        return None
    return sum(
        (
            Figures(**{name: getattr(snapshot, name) for name in FIGURE_NAMES})
            for snapshot in snapshots
        ),
        Figures(),
    )


def weekly_digest(*, head: AbstractBaseUser, today: datetime.date) -> Digest | None:
    """The head's digest for today's week; None if they head no department."""
    departments = head_departments(head)
    if not departments:
        return None
    by_path = grouped_figures(groups=departments, today=today)
    overdue = overdue_people(departments=departments, today=today)
    return Digest(
        head=head,
        today=today,
        departments=departments,
        now=sum(by_path.values(), Figures()),
        week_ago=_week_ago(departments, today - datetime.timedelta(days=7)),
        overdue=list(overdue[:OVERDUE_LISTED]),
        overdue_count=overdue.count(),
    )


def render_digest(digest: Digest) -> tuple[str, str]:
    """The digest's subject and plain-text body, in the site's language."""
    context = {
        "digest": digest,
        "dashboard_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("reports:dashboard"),
        "listed": OVERDUE_LISTED,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("reports/email/digest_subject.txt", context)
        body = render_to_string("reports/email/digest_body.txt", context)
    return " ".join(subject.split()), body
