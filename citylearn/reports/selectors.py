"""Completion figures over the department tree, rolled up by the database.

Every figure of a department covers its whole subtree. Rows are grouped by the
leading part of their department's materialised path: grouping on the first
(depth + 1) steps of the path gives one row per child subtree of a node, so the
database does the roll-up and a page costs the same few queries at any size.
"""

import calendar
import datetime
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber, Substr

from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import AssignedPerson
from citylearn.organisation.models import Department, StaffProfile
from citylearn.progress.models import CourseCompletion
from citylearn.quizzes.models import Attempt
from citylearn.reports.models import DepartmentSnapshot

HOURS = DecimalField(max_digits=10, decimal_places=1)
STATUS_FIELDS = {
    "completed_on_time": AssignmentStatus.COMPLETED_ON_TIME,
    "completed_late": AssignmentStatus.COMPLETED_LATE,
    "in_progress": AssignmentStatus.IN_PROGRESS,
    "not_started": AssignmentStatus.NOT_STARTED,
    "overdue": AssignmentStatus.OVERDUE,
}


@dataclass(frozen=True)
class AssignmentFilter:
    """What the officer narrowed the assignment figures to; empty means everything."""

    course_id: int | None = None
    assignment_id: int | None = None
    status: str = ""
    due_from: datetime.date | None = None
    due_to: datetime.date | None = None

    def q(self, prefix: str = "") -> Q:
        """Conditions on AssignedPerson rows (through prefix from another model)."""
        condition = Q()
        if self.course_id:
            condition &= Q(**{f"{prefix}assignment__course_id": self.course_id})
        if self.assignment_id:
            condition &= Q(**{f"{prefix}assignment_id": self.assignment_id})
        if self.due_from:
            condition &= Q(**{f"{prefix}due_on__gte": self.due_from})
        if self.due_to:
            condition &= Q(**{f"{prefix}due_on__lte": self.due_to})
        return condition


@dataclass
class Figures:
    """One department's figures (its subtree), or one person's."""

    people: int = 0
    assigned: int = 0
    completed_on_time: int = 0
    completed_late: int = 0
    in_progress: int = 0
    not_started: int = 0
    overdue: int = 0
    # Sum and count of best final-quiz scores, so that subtrees add up exactly.
    score_total: Decimal = Decimal(0)
    scored: int = 0
    hours_earned: Decimal = Decimal(0)
    hours_target: Decimal = Decimal(0)
    department: Department | None = field(default=None, compare=False)

    def __add__(self, other: "Figures") -> "Figures":
        added = Figures(department=self.department)
        for name in FIGURE_NAMES:
            setattr(added, name, getattr(self, name) + getattr(other, name))
        return added

    def __sub__(self, other: "Figures") -> "Figures":
        left = Figures(department=self.department)
        for name in FIGURE_NAMES:
            setattr(left, name, getattr(self, name) - getattr(other, name))
        return left

    @property
    def completed(self) -> int:
        return self.completed_on_time + self.completed_late

    @property
    def completion_rate(self) -> int:
        """Completed assignments as a whole percentage of assigned ones."""
        return round(self.completed * 100 / self.assigned) if self.assigned else 0

    @property
    def average_score(self) -> Decimal | None:
        if not self.scored:
            return None
        return (self.score_total / self.scored).quantize(Decimal("0.1"))


FIGURE_NAMES = [f.name for f in fields(Figures) if f.name != "department"]


def year_elapsed(today: datetime.date) -> Decimal:
    """The share of the calendar year gone by the end of today."""
    days = 366 if calendar.isleap(today.year) else 365
    return Decimal(today.timetuple().tm_yday) / Decimal(days)


@dataclass(frozen=True)
class Pace:
    """Credit hours earned so far against an even pace through the year."""

    earned: Decimal
    target: Decimal
    expected: Decimal
    projected: Decimal

    @property
    def shortfall(self) -> Decimal:
        return max(self.target - self.projected, Decimal(0))

    @property
    def behind(self) -> Decimal:
        return max(self.expected - self.earned, Decimal(0))


def pace(figures: Figures, today: datetime.date) -> Pace:
    """Hours earned, expected by today at an even pace, and projected for the year."""
    elapsed = year_elapsed(today)
    step = Decimal("0.1")
    return Pace(
        earned=figures.hours_earned,
        target=figures.hours_target,
        expected=(figures.hours_target * elapsed).quantize(step),
        projected=(figures.hours_earned / elapsed).quantize(step),
    )


# --- grouping by materialised path -------------------------------------------------


def within(departments: list[Department], path_field: str) -> Q:
    condition = Q()
    for department in departments:
        condition |= Q(**{f"{path_field}__startswith": department.path})
    return condition if departments else Q(pk__in=[])


def group_key(groups: list[Department], path_field: str) -> Expression:
    """The path of the group (one of `groups`, disjoint subtrees) a row falls in.

    Groups at one depth are told apart by the leading steps of the path, which the
    database cuts without a comparison per group.
    """
    depths = {group.depth for group in groups}
    if len(depths) == 1:
        return Substr(path_field, 1, Department.steplen * depths.pop())
    return Case(
        *[
            When(**{f"{path_field}__startswith": group.path}, then=Value(group.path))
            for group in groups
        ],
        output_field=CharField(),
    )


def person_target() -> Expression:
    """A staff profile's annual target: its nearest department's, else the setting.

    The departments with a target of their own are few; the deepest matching one is
    the nearest ancestor, so the conditions go deepest first.
    """
    overrides = Department.objects.filter(credit_hours_target__isnull=False).order_by(
        "-depth"
    )
    default = Value(Decimal(settings.ANNUAL_CREDIT_HOURS_TARGET), output_field=HOURS)
    whens = [
        When(
            department__path__startswith=path,
            then=Value(target, output_field=HOURS),
        )
        for path, target in overrides.values_list("path", "credit_hours_target")
    ]
    if not whens:
        return default
    return Case(*whens, default=default, output_field=HOURS)


def best_attempts(assignments: "AssignmentFilter") -> QuerySet[Attempt]:
    """Each person's best graded attempt at a course's final quiz.

    The best is the one no other graded attempt of the same person and quiz beats
    (a tie goes to the earlier attempt): an anti-join the database runs over the
    attempts once, rather than a lookup for every assignment row. Narrowed to an
    assignment or due dates, only the courses so assigned to the person count.
    """
    better = Attempt.objects.filter(
        Q(score__gt=OuterRef("score"))
        | Q(score=OuterRef("score"), number__lt=OuterRef("number")),
        quiz=OuterRef("quiz"),
        user=OuterRef("user"),
        graded_at__isnull=False,
    )
    attempts = Attempt.objects.graded().exclude(Exists(better))
    if assignments.course_id:
        attempts = attempts.filter(quiz__course_id=assignments.course_id)
    if assignments.assignment_id or assignments.due_from or assignments.due_to:
        assigned = counted_assignments().filter(
            assignments.q(),
            user=OuterRef("user"),
            assignment__course=OuterRef("quiz__course"),
        )
        attempts = attempts.filter(Exists(assigned))
    return attempts


def counted_assignments() -> QuerySet[AssignedPerson]:
    """Rows that count in reports: not released, not withdrawn, of active staff."""
    return AssignedPerson.objects.filter(
        released_on__isnull=True,
        assignment__withdrawn_at__isnull=True,
        user__staff_profile__is_active=True,
    )


def _status_counts() -> dict:
    return {
        name: Count("pk", filter=Q(status=status))
        for name, status in STATUS_FIELDS.items()
    }


def grouped_figures(
    *,
    groups: list[Department],
    depth: int | None = None,
    today: datetime.date,
    assignments: AssignmentFilter = AssignmentFilter(),
) -> dict[str, Figures]:
    """Figures per group path, for people in the subtrees of `groups`.

    With `depth`, rows are grouped by their ancestor at that depth (or their own
    department, if shallower) instead of by group; four grouped queries, plus one
    for the targets.
    """
    figures: dict[str, Figures] = {}

    def row(path: str) -> Figures:
        return figures.setdefault(path, Figures())

    def key(path_field: str) -> Expression:
        if depth is None:
            return group_key(groups, path_field)
        return Substr(path_field, 1, Department.steplen * depth)

    people = (
        StaffProfile.objects.filter(within(groups, "department__path"), is_active=True)
        .annotate(key=key("department__path"))
        .values("key")
        .annotate(people=Count("pk"), target=Sum(person_target()))
        .order_by()
    )
    for line in people:
        row(line["key"]).people = line["people"]
        row(line["key"]).hours_target = line["target"] or Decimal(0)

    path = "user__staff_profile__department__path"
    rows = counted_assignments().filter(within(groups, path), assignments.q())
    rows = rows.with_status(today)
    if assignments.status:
        rows = rows.filter(status=assignments.status)
    aggregates = {"assigned": Count("pk"), **_status_counts()}
    cut = key(path)
    for line in rows.annotate(key=cut).values("key").annotate(**aggregates).order_by():
        target = row(line.pop("key"))
        for name, value in line.items():
            setattr(target, name, value)

    scores = (
        best_attempts(assignments)
        .filter(within(groups, path), user__staff_profile__is_active=True)
        .annotate(key=cut)
        .values("key")
        .annotate(total=Sum("score"), n=Count("pk"))
        .order_by()
    )
    for line in scores:
        row(line["key"]).score_total = line["total"] or Decimal(0)
        row(line["key"]).scored = line["n"]

    hours = (
        CourseCompletion.objects.filter(
            within(groups, path),
            year=today.year,
            user__staff_profile__is_active=True,
        )
        .annotate(key=cut)
        .values("key")
        .annotate(hours=Sum("credit_hours"))
        .order_by()
    )
    for line in hours:
        row(line["key"]).hours_earned = line["hours"] or Decimal(0)
    return figures


@dataclass
class Level:
    """A node's total and its children's, as the dashboard shows them."""

    total: Figures
    own: Figures | None
    children: list[Figures]


def level_figures(
    *,
    node: Department | None,
    tops: list[Department],
    today: datetime.date,
    assignments: AssignmentFilter = AssignmentFilter(),
) -> Level:
    """A node and its children, or without a node the scope's top departments."""
    if node is None:
        children = tops
        by_path = grouped_figures(groups=tops, today=today, assignments=assignments)
        own = None
    else:
        children = list(node.get_children())
        by_path = grouped_figures(
            groups=[node], depth=node.depth + 1, today=today, assignments=assignments
        )
        own = by_path.get(node.path, Figures())
        own.department = node
    rows = []
    for child in children:
        figures = by_path.get(child.path, Figures())
        figures.department = child
        rows.append(figures)
    total = sum(by_path.values(), Figures())
    total.department = node
    return Level(total=total, own=own, children=rows)


@dataclass
class Snapshot:
    """An unfiltered level and its people furthest behind, as one refresh had them."""

    level: Level
    behind: list[StaffProfile]
    refreshed_at: datetime.datetime


def snapshot_level(
    *,
    node: Department | None,
    tops: list[Department],
    today: datetime.date,
    limit: int = 5,
) -> Snapshot | None:
    """The unfiltered level as today's last snapshot has it.

    None when a department shown has no snapshot today or has moved, or its children
    changed, since: the figures of one refresh then no longer describe this tree;
    None too if a person listed as furthest behind has been deleted since.
    """
    children = tops if node is None else list(node.get_children())
    subtrees = tops if node is None else [node]
    shown = children if node is None else [node, *children]
    snapshots = {
        snapshot.department_id: snapshot
        for snapshot in DepartmentSnapshot.objects.filter(
            date=today, department__in=shown
        )
    }
    unchanged = all(
        department.pk in snapshots
        and snapshots[department.pk].path == department.path
        and snapshots[department.pk].numchild == department.numchild
        for department in shown
    )
    if not unchanged:
        return None
    candidates = [
        entry for department in subtrees for entry in snapshots[department.pk].behind
    ]
    profiles = StaffProfile.objects.select_related("department").in_bulk(
        [entry["pk"] for entry in candidates]
    )
    if len(profiles) != len(candidates):
        return None
    behind = []
    for entry in candidates:
        profile = profiles[entry["pk"]]
        for name in ("earned", "target", "behind"):
            setattr(profile, name, Decimal(entry[name]))
        behind.append(profile)
    behind.sort(key=lambda profile: (-profile.behind, profile.employee_id))

    def figures(department: Department) -> Figures:
        snapshot = snapshots[department.pk]
        return Figures(
            department=department,
            **{name: getattr(snapshot, name) for name in FIGURE_NAMES},
        )

    rows = [figures(child) for child in children]
    if node is None:
        own = None
        total = sum(rows, Figures())
    else:
        total = figures(node)
        own = total - sum(rows, Figures())
    total.department = node
    return Snapshot(
        level=Level(total=total, own=own, children=rows),
        behind=behind[:limit],
        refreshed_at=snapshots[shown[0].pk].refreshed_at,
    )


# --- people ------------------------------------------------------------------------


def hours_this_year(year: int) -> Coalesce:
    """A staff profile's credit hours earned in the year (an annotation)."""
    earned = (
        CourseCompletion.objects.filter(user=OuterRef("user_id"), year=year)
        .order_by()
        .values("user")
        .annotate(total=Sum("credit_hours"))
        .values("total")
    )
    return Coalesce(Subquery(earned, output_field=HOURS), Value(Decimal(0)))


def overdue_people(
    *, departments: list[Department], today: datetime.date
) -> QuerySet[AssignedPerson]:
    """Overdue assignment rows of the subtrees' active people, with their reasons.

    Reasons first, the latest first; then the longest overdue. Overdue is what
    with_status calls it (not completed, due before today), asked as "no completion
    exists" rather than through with_status's joins: with the rows' people, courses
    and reasons, those made more joins than PostgreSQL reorders (join_collapse_limit),
    and it worked out the status of every row in the district (0.5 s at 20,000 staff)
    before it looked for the few with a reason.
    """
    return (
        AssignedPerson.objects.outstanding()
        .filter(
            within(departments, "user__staff_profile__department__path"),
            due_on__lt=today,
        )
        .select_related(
            "late_reason",
            "assignment__course",
            "assignment__department",
            "user__staff_profile__department",
        )
        .order_by(
            F("late_reason__given_at").desc(nulls_last=True),
            "due_on",
            "user__staff_profile__employee_id",
            "pk",
        )
    )


def _pace_of_people(today: datetime.date) -> QuerySet[StaffProfile]:
    """Active staff with their hours earned, target and hours behind an even pace."""
    expected_share = Value(year_elapsed(today), output_field=HOURS)
    return (
        StaffProfile.objects.filter(is_active=True)
        .annotate(earned=hours_this_year(today.year), target=person_target())
        .annotate(
            behind=ExpressionWrapper(
                F("target") * expected_share - F("earned"), output_field=HOURS
            )
        )
    )


def people_behind(
    *, departments: list[Department], today: datetime.date, limit: int = 5
) -> QuerySet[StaffProfile]:
    """Active people of the subtrees furthest behind an even pace to their target."""
    return (
        _pace_of_people(today)
        .filter(within(departments, "department__path"))
        .select_related("department")
        .order_by("-behind", "employee_id")[:limit]
    )


def people_behind_by_group(
    *, depth: int, today: datetime.date, limit: int = 5
) -> dict[str, list[dict]]:
    """For each ancestor at `depth`, its people furthest behind, in one ranked query."""
    key = Substr("department__path", 1, Department.steplen * depth)
    ranked = (
        _pace_of_people(today)
        .annotate(
            key=key,
            rank=Window(
                RowNumber(),
                partition_by=[key],
                order_by=[F("behind").desc(), F("employee_id").asc()],
            ),
        )
        .filter(rank__lte=limit)
        .order_by("key", "rank")
    )
    groups: dict[str, list[dict]] = {}
    for line in ranked.values("key", "pk", "earned", "target", "behind"):
        groups.setdefault(line["key"], []).append(
            {
                "pk": line["pk"],
                **{name: str(line[name]) for name in ("earned", "target", "behind")},
            }
        )
    return groups


PEOPLE_ORDER = {
    "": ("employee_id",),
    "name": ("name", "employee_id"),
    "hours": ("hours", "employee_id"),
}


def dashboard_people(
    *,
    subtrees: list[Department],
    today: datetime.date,
    assignments: AssignmentFilter = AssignmentFilter(),
    order: str = "",
) -> QuerySet[StaffProfile]:
    """The dashboard's people: active staff of the subtrees, in the order asked for.

    Filtered by assignment, only the people the filtered figures are about. The page
    shows them a page at a time and the exports all of them: both read them here.
    """
    staff = StaffProfile.objects.filter(
        within(subtrees, "department__path"), is_active=True
    ).select_related("department")
    if assignments != AssignmentFilter():
        rows = counted_assignments().filter(assignments.q()).with_status(today)
        if assignments.status:
            rows = rows.filter(status=assignments.status)
        staff = staff.filter(user_id__in=rows.values("user_id"))
    if order == "hours":
        staff = staff.annotate(hours=hours_this_year(today.year))
    return staff.order_by(*PEOPLE_ORDER[order])


def people_figures(
    profiles: list[StaffProfile],
    *,
    today: datetime.date,
    assignments: AssignmentFilter = AssignmentFilter(),
) -> list[StaffProfile]:
    """Attach assigned/completed/overdue counts and hours to a page of people.

    Two grouped queries for the whole page, keyed by user.
    """
    user_ids = [profile.user_id for profile in profiles]
    rows = counted_assignments().filter(assignments.q(), user_id__in=user_ids)
    rows = rows.with_status(today)
    if assignments.status:
        rows = rows.filter(status=assignments.status)
    counts = {
        line.pop("user_id"): line
        for line in rows.values("user_id")
        .annotate(assigned=Count("pk"), **_status_counts())
        .order_by()
    }
    hours = dict(
        CourseCompletion.objects.filter(user_id__in=user_ids, year=today.year)
        .values("user_id")
        .annotate(total=Sum("credit_hours"))
        .order_by()
        .values_list("user_id", "total")
    )
    for profile in profiles:
        line = counts.get(profile.user_id, {})
        profile.figures = Figures(
            people=1,
            hours_earned=hours.get(profile.user_id) or Decimal(0),
            **{name: line.get(name, 0) for name in ("assigned", *STATUS_FIELDS)},
        )
    return profiles


@dataclass(frozen=True)
class TrendPoint:
    date: datetime.date
    assigned: int
    completed: int
    overdue: int

    @property
    def completion_rate(self) -> int:
        return round(self.completed * 100 / self.assigned) if self.assigned else 0


def trend(
    *, departments: list[Department], today: datetime.date, weeks: int = 12
) -> list[TrendPoint]:
    """Weekly points of the departments' snapshots, oldest first, ending today."""
    dates = [today - datetime.timedelta(weeks=back) for back in range(weeks)]
    lines = (
        DepartmentSnapshot.objects.filter(department__in=departments, date__in=dates)
        .values("date")
        .annotate(
            assigned=Sum("assigned"),
            on_time=Sum("completed_on_time"),
            late=Sum("completed_late"),
            overdue=Sum("overdue"),
        )
        .order_by("date")
    )
    return [
        TrendPoint(
            date=line["date"],
            assigned=line["assigned"],
            completed=line["on_time"] + line["late"],
            overdue=line["overdue"],
        )
        for line in lines
    ]
