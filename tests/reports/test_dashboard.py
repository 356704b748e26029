import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments import services
from citylearn.assignments.models import Assignment
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.selectors import level_figures, people_behind
from citylearn.reports.services import write_snapshots
from citylearn.reports.tasks import snapshot_department_figures
from tests.builders import people
from tests.builders.learning import make_course
from tests.reports import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return world.build()


def test_the_officer_sees_the_tree_and_drills_down(client, tree):
    client.force_login(tree["officer"])

    top = client.get("/hr/")
    down = client.get("/hr/", {"department": "a"})  # codes match in any case

    assert top.status_code == 200
    assert [f.department.code for f in top.context["level"].children] == ["A", "B"]
    assert down.context["node"] == tree["A"]
    assert [f.department.code for f in down.context["level"].children] == ["A1"]
    assert [p.employee_id for p in down.context["page_obj"]] == ["P1", "P2", "P3"]
    person = down.context["page_obj"][2]
    assert (person.figures.assigned, person.figures.overdue) == (1, 1)
    assert 'role="img"' in down.content.decode()


def test_a_head_sees_only_their_subtree(client, tree):
    client.force_login(tree["head"])

    own = client.get("/hr/")
    other = client.get("/hr/", {"department": "A"})

    assert own.context["node"] == tree["B"]
    assert own.context["level"].total.people == 3
    assert other.status_code == 200
    assert other.context["form"].errors["department"]
    assert other.context["node"] == tree["B"]
    assert "甲局" not in other.content.decode()


def test_a_bad_filter_is_an_error_on_the_page(client, tree):
    client.force_login(tree["officer"])

    response = client.get(
        "/hr/", {"due_from": "2026-05-01", "due_to": "2026-01-01", "status": "bogus"}
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"due_to", "status"}


def test_the_status_filter_lists_only_the_people_it_concerns(client, tree):
    client.force_login(tree["officer"])

    response = client.get("/hr/", {"status": "overdue"})

    assert [p.employee_id for p in response.context["page_obj"]] == ["P3"]


def queries_for(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def grow(tree, size: int):
    """More departments, people, assignments and completions under A."""
    for number in range(size):
        section = people.department(f"A{number}x", f"甲{number}科", tree["A"])
        for person in range(3):
            user = people.staff(f"Q{number}-{person}", section).user
            world.assign(tree["y"], world.DUE_Y, [user])
            world.complete(user, tree["x"], datetime.date(2026, 2, 1))


@pytest.mark.parametrize("snapshots", [True, False], ids=["snapshot", "live"])
def test_the_query_count_does_not_grow_with_the_tree(client, tree, snapshots):
    client.force_login(tree["officer"])
    urls = [
        "/hr/",
        "/hr/?department=A",
        "/hr/?status=overdue",
        "/hr/people/",
        "/hr/people/P4/record/",
    ]

    def counts():
        if snapshots:
            write_snapshots(today=timezone.localdate())
        return [queries_for(client, url) for url in urls]

    small = counts()
    grow(tree, 6)
    larger = counts()

    assert small == larger


def test_the_unfiltered_dashboard_shows_the_last_snapshot_as_live(client, tree):
    today = timezone.localdate()
    write_snapshots(today=today)
    refreshed_at = DepartmentSnapshot.objects.get(date=today, department=tree["D"])
    client.force_login(tree["officer"])

    for query in ({}, {"department": "A"}, {"department": "B"}):
        response = client.get("/hr/", query)
        level = response.context["level"]
        node = response.context["node"]
        live = level_figures(node=node, tops=[], today=today)
        live_behind = people_behind(departments=[node], today=today)
        assert response.context["computed_at"] == refreshed_at.refreshed_at
        assert level.total == live.total and level.own == live.own
        assert [(f.department, f) for f in level.children] == [
            (f.department, f) for f in live.children
        ]
        assert [(p, p.earned, p.behind) for p in response.context["behind"]] == [
            (p, p.earned, p.behind) for p in live_behind
        ]


def test_filtered_figures_stay_live_after_the_snapshot(client, tree):
    write_snapshots(today=timezone.localdate())
    client.force_login(tree["officer"])
    people.staff("P9", tree["A1"])

    unfiltered = client.get("/hr/", {"department": "A"})
    filtered = client.get("/hr/", {"department": "A", "status": "overdue"})
    write_snapshots(today=timezone.localdate())
    cache.clear()
    refreshed = client.get("/hr/", {"department": "A"})

    assert unfiltered.context["level"].total.people == 3  # as of the snapshot
    assert filtered.context["level"].total.people == 4
    assert refreshed.context["level"].total.people == 4


def test_a_department_added_since_the_snapshot_is_shown_live(client, tree):
    write_snapshots(today=timezone.localdate())
    people.department("A2", "甲二科", tree["A"])
    client.force_login(tree["officer"])

    response = client.get("/hr/", {"department": "A"})

    assert [f.department.code for f in response.context["level"].children] == [
        "A1",
        "A2",
    ]
    assert response.context["level"].total.people == 3


def test_the_figures_are_computed_once_for_a_few_minutes(client, tree):
    client.force_login(tree["officer"])
    first = client.get("/hr/?department=A")
    people.staff("P9", tree["A1"])

    again = client.get("/hr/?department=A")
    cache.clear()
    fresh = client.get("/hr/?department=A")

    assert again.context["level"].total.people == first.context["level"].total.people
    assert fresh.context["level"].total.people == 4


def test_the_snapshot_task_keeps_one_row_per_department_and_day(tree):
    snapshot_department_figures()
    snapshot_department_figures()

    today = timezone.localdate()
    assert DepartmentSnapshot.objects.filter(date=today).count() == 4
    a = DepartmentSnapshot.objects.get(date=today, department=tree["A"])
    d = DepartmentSnapshot.objects.get(date=today, department=tree["D"])
    assert (a.people, a.assigned, d.people, d.assigned) == (3, 3, 6, 5)


def test_a_second_run_overwrites_the_days_figures(tree):
    today = timezone.localdate()
    write_snapshots(today=today)
    people.staff("P9", tree["A1"])

    write_snapshots(today=today)

    assert DepartmentSnapshot.objects.get(date=today, department=tree["A"]).people == 4


def test_past_snapshots_keep_the_figures_but_not_who_was_behind(tree):
    today = timezone.localdate()
    write_snapshots(today=today - datetime.timedelta(days=1))
    yesterday = DepartmentSnapshot.objects.get(department=tree["D"])
    assert yesterday.behind

    write_snapshots(today=today)

    yesterday.refresh_from_db()
    assert yesterday.behind == [] and yesterday.people == 6
    assert DepartmentSnapshot.objects.get(department=tree["D"], date=today).behind


def test_the_trend_reads_the_weekly_snapshots(client, tree):
    today = timezone.localdate()
    for weeks in (0, 1, 2):
        write_snapshots(today=today - datetime.timedelta(weeks=weeks))
    client.force_login(tree["officer"])

    response = client.get("/hr/")

    assert len(response.context["trend"]) == 3
    assert len(response.context["trend_chart"].columns) == 3


def test_viewing_someone_elses_record_is_logged(client, tree):
    client.force_login(tree["officer"])

    response = client.get("/hr/people/P1/record/")

    assert response.status_code == 200
    record = response.context["record"]
    assert [a.status for a in record.assignments] == ["completed_on_time"]
    assert [(a.number, a.score) for a in record.attempts] == [(2, 80), (1, 60)]
    assert AuditEntry.objects.filter(
        action=AuditAction.PERSON_VIEWED, target_user=tree["people"]["p1"]
    ).exists()


def test_a_person_reads_their_own_record_unlogged(client, tree):
    client.force_login(tree["people"]["p6"])

    own = client.get("/hr/people/P6/record/")
    other = client.get("/hr/people/P1/record/")

    assert own.status_code == 200
    # The released row stays on the record, as history.
    assert "No longer required from" in own.content.decode() or "不再" in (
        own.content.decode()
    )
    assert other.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.PERSON_VIEWED).exists()


def test_a_head_cannot_read_a_record_outside_their_subtree(client, tree):
    client.force_login(tree["head"])

    assert client.get("/hr/people/P1/record/").status_code == 404
    assert client.get("/hr/people/P4/record/").status_code == 200


def test_a_head_of_an_inner_department_sees_it_as_the_top(client, tree):
    head = people.make_user("inner")
    people.grant(head, Role.DEPARTMENT_HEAD, tree["A1"])
    client.force_login(head)

    response = client.get("/hr/")

    assert response.context["node"] == tree["A1"]
    assert response.context["ancestors"] == []


def test_the_assignment_filter_offers_only_the_assignments_the_viewer_can_see(
    client, tree
):
    elsewhere = Assignment.objects.get(course=tree["x"])  # named people of 甲局
    above = services.assign_to_department(
        course=make_course(lessons=0),
        department=tree["D"],
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        by=None,
    )
    client.force_login(tree["head"])

    offered = client.get("/hr/").context["form"].fields["assignment"].queryset
    picked = client.get("/hr/", {"assignment": elsewhere.pk})

    assert above in offered and elsewhere not in offered
    assert "assignment" in picked.context["form"].errors
