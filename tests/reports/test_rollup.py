import datetime
from decimal import Decimal

import pytest

from citylearn.assignments.enums import AssignmentStatus
from citylearn.organisation.models import Department
from citylearn.reports.selectors import (
    AssignmentFilter,
    level_figures,
    pace,
    people_behind,
    snapshot_level,
)
from citylearn.reports.services import write_snapshots
from tests.builders import people
from tests.reports import world

pytestmark = pytest.mark.django_db


def figures_of(level):
    return {f.department.code: f for f in level.children}


def test_each_department_counts_its_whole_subtree():
    tree = world.build()

    level = level_figures(node=tree["D"], tops=[], today=world.TODAY)
    a, b = figures_of(level)["A"], figures_of(level)["B"]

    assert (a.people, a.assigned, a.completed_on_time, a.completed_late) == (3, 3, 1, 1)
    assert (a.overdue, a.in_progress, a.not_started) == (1, 0, 0)
    assert a.completion_rate == 67
    assert a.average_score == Decimal("60.0")  # best of 60 and 80, and 40
    assert (a.hours_earned, a.hours_target) == (Decimal(4), Decimal(40 + 20))
    # B: the released row and the inactive person do not count, nor a withdrawn one.
    assert (b.people, b.assigned, b.in_progress, b.not_started, b.overdue) == (
        3,
        2,
        1,
        1,
        0,
    )
    assert b.completion_rate == 0
    assert b.average_score is None
    assert (b.hours_earned, b.hours_target) == (Decimal(0), Decimal(150))
    total = level.total
    assert (total.people, total.assigned, total.completed, total.completion_rate) == (
        6,
        5,
        2,
        40,
    )
    assert total.hours_target == Decimal(210)


def test_a_deeper_level_rolls_up_the_same_figures():
    tree = world.build()

    level = level_figures(node=tree["A"], tops=[], today=world.TODAY)

    assert level.total.assigned == 3
    assert level.own.people == 1 and level.own.overdue == 1
    a1 = figures_of(level)["A1"]
    assert (a1.people, a1.completed_on_time, a1.completed_late) == (2, 1, 1)
    assert a1.hours_target == Decimal(40)


def test_filters_narrow_the_assignment_figures():
    tree = world.build()

    only_y = level_figures(
        node=tree["D"],
        tops=[],
        today=world.TODAY,
        assignments=AssignmentFilter(course_id=tree["y"].pk),
    )
    overdue = level_figures(
        node=tree["D"],
        tops=[],
        today=world.TODAY,
        assignments=AssignmentFilter(status=AssignmentStatus.OVERDUE),
    )

    assert only_y.total.assigned == 2 and figures_of(only_y)["A"].assigned == 0
    assert overdue.total.assigned == 1 and figures_of(overdue)["A"].overdue == 1


def test_the_pace_forecast_of_a_fixed_day():
    tree = world.build()

    total = level_figures(node=tree["D"], tops=[], today=world.TODAY).total
    forecast = pace(total, world.TODAY)

    # 1 July 2026 is day 182 of 365.
    assert forecast.expected == Decimal("104.7")  # 210 × 182/365
    assert forecast.projected == Decimal("8.0")  # 4 / (182/365)
    assert forecast.shortfall == Decimal("202.0")


def test_the_people_furthest_behind_come_first():
    tree = world.build()

    behind = list(people_behind(departments=[tree["D"]], today=world.TODAY, limit=3))

    # Target 50 in B (24.9 expected, nothing earned) before 20 in A.
    assert [person.employee_id for person in behind] == ["P4", "P5", "P6"]
    assert round(behind[0].behind, 1) == Decimal("24.9")


def test_several_scope_roots_at_different_depths():
    tree = world.build()

    level = level_figures(
        node=None,
        tops=[Department.objects.get(code="A1"), tree["B"]],
        today=world.TODAY,
    )

    assert {code: f.assigned for code, f in figures_of(level).items()} == {
        "A1": 2,
        "B": 2,
    }
    assert level.total.people == 5


def shown(level):
    """A level's figures by department code; Figures compare every figure."""
    rows = [level.total, *level.children] + ([level.own] if level.own else [])
    return [(f.department.code if f.department else None, f) for f in rows]


def pace_of(people):
    return [(p.employee_id, p.earned, p.target, p.behind) for p in people]


def test_a_snapshot_holds_the_same_figures_as_the_live_roll_up():
    tree = world.build()
    write_snapshots(today=world.TODAY)
    a1 = Department.objects.get(code="A1")

    for node, tops in ((tree["D"], []), (tree["A"], []), (None, [a1, tree["B"]])):
        snapshot = snapshot_level(node=node, tops=tops, today=world.TODAY, limit=4)
        live = level_figures(node=node, tops=tops, today=world.TODAY)
        live_behind = people_behind(
            departments=tops or [node], today=world.TODAY, limit=4
        )
        assert shown(snapshot.level) == shown(live)
        assert pace_of(snapshot.behind) == pace_of(live_behind)

    snapshot = snapshot_level(node=tree["D"], tops=[], today=world.TODAY)
    a = figures_of(snapshot.level)["A"]
    assert (a.completed_on_time, a.completed_late, a.overdue) == (1, 1, 1)
    assert a.average_score == Decimal("60.0")
    assert (a.hours_earned, a.hours_target) == (Decimal(4), Decimal(60))
    assert [p.employee_id for p in snapshot.behind][:3] == ["P4", "P5", "P6"]
    own = snapshot_level(node=tree["A"], tops=[], today=world.TODAY).level.own
    assert own.people == 1


def test_no_snapshot_fits_another_day_or_a_changed_tree():
    tree = world.build()
    write_snapshots(today=world.TODAY)

    other_day = snapshot_level(
        node=tree["D"], tops=[], today=world.TODAY + datetime.timedelta(days=1)
    )
    people.department("A2", "甲二科", tree["A"])
    tree["A"].refresh_from_db()
    new_child = snapshot_level(node=tree["A"], tops=[], today=world.TODAY)
    a1 = Department.objects.get(code="A1")
    a1.move(tree["B"], "last-child")
    moved = snapshot_level(
        node=Department.objects.get(code="B"), tops=[], today=world.TODAY
    )

    assert other_day is None
    assert new_child is None
    assert moved is None


def test_no_snapshot_fits_once_a_person_listed_in_it_is_gone():
    tree = world.build()
    write_snapshots(today=world.TODAY)

    tree["people"]["p4"].staff_profile.delete()

    assert snapshot_level(node=tree["D"], tops=[], today=world.TODAY) is None
    assert snapshot_level(node=tree["A"], tops=[], today=world.TODAY) is not None
