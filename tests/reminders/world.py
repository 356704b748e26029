"""A hand-built set of people and assignments around TODAY, for the reminder tests.

    D ── A (officer "officer-a") ── people p_*
    └─── B (officer "officer-b") ── person q

With REMINDER_DAYS_BEFORE = 7,1, each person of A has one assignment due on a date
chosen so that exactly one kind (or none) applies.
"""

import datetime

from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.progress.models import CourseCompletion
from tests.builders import people as builders
from tests.builders.learning import make_course

TODAY = datetime.date(2026, 7, 1)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


def assign(course, person, due_on, **fields) -> Assignment:
    assignment = Assignment.objects.create(course=course, due_on=due_on, **fields)
    AssignedPerson.objects.create(
        assignment=assignment,
        user=person,
        due_on=due_on,
        released_on=fields.get("released_on"),
    )
    return assignment


def build() -> dict:
    d = builders.department("D", "区")
    a = builders.department("A", "甲局", d)
    b = builders.department("B", "乙街道", d)
    officer_a = builders.make_user("officer-a")
    builders.grant(officer_a, Role.HR_OFFICER, a)
    officer_b = builders.make_user("officer-b")
    builders.grant(officer_b, Role.HR_OFFICER, b)
    course = make_course(lessons=0)
    # Due date offset from TODAY for each person of A, and the kind it should get.
    plan = {
        "far": (8, None),
        "seven": (7, ("due_soon", 7)),
        "two": (2, ("due_soon", 7)),
        "one": (1, ("due_soon", 1)),
        "today": (0, ("due_soon", 1)),
        "late": (-1, ("overdue", 0)),
        "long_late": (-90, ("overdue", 0)),
    }
    people = {}
    for key, (offset, __) in plan.items():
        person = builders.staff(f"P-{key}", a, name=f"甲{key}").user
        assign(course, person, day(offset))
        people[key] = person
    # Overdue but excluded: released, withdrawn, completed, inactive.
    released = builders.staff("X-released", a).user
    assignment = Assignment.objects.create(course=course, due_on=day(-3))
    AssignedPerson.objects.create(
        assignment=assignment, user=released, due_on=day(-3), released_on=day(-5)
    )
    withdrawn = builders.staff("X-withdrawn", a).user
    assign(course, withdrawn, day(-3), withdrawn_at=timezone.now())
    completed = builders.staff("X-completed", a).user
    assign(course, completed, day(-3))
    CourseCompletion.objects.create(
        user=completed,
        course=course,
        completed_at=timezone.now(),
        completed_on=day(-4),
        year=TODAY.year,
        credit_hours=2,
    )
    inactive = builders.staff("X-inactive", a, is_active=False).user
    assign(course, inactive, day(-3))
    q = builders.staff("Q", b, name="乙某").user
    assign(course, q, day(-2))
    return {
        "a": a,
        "b": b,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "course": course,
        "people": people,
        "plan": plan,
        "q": q,
    }
