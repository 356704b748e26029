"""The department head's weekly digest, on a hand-built tree.

    D (head HD, no profile)
    ├── A (head HA)
    │   └── A1
    └── B   (HA's own profile sits here: a head is staff somewhere too)

Course X is due 2026-06-21, course Y 2026-12-31; "today" is Wednesday 2026-07-01,
ISO week 27. A's subtree: X for a1, a2, a3 (a1 done on time), Y for a1, a2 (a2
done): 5 assigned, 2 completed (40%), 2 overdue (a2 with a reason, a3 without).
"""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, connections, transaction

from citylearn.access.enums import Role
from citylearn.assignments.enums import LateReasonKind
from citylearn.assignments.services import give_late_reason
from citylearn.celery import app
from citylearn.reports import services
from citylearn.reports.digests import render_digest, weekly_digest
from citylearn.reports.models import DepartmentSnapshot, DigestDelivery
from tests.builders import people
from tests.builders.learning import make_course
from tests.reports.world import assign, complete

TODAY = datetime.date(2026, 7, 1)
DUE_X = datetime.date(2026, 6, 21)
DUE_Y = datetime.date(2026, 12, 31)
COMMITTED = datetime.date(2026, 7, 15)


def build():
    d = people.department("D", "区")
    a = people.department("A", "甲局", d)
    a1 = people.department("A1", "甲一科", a)
    b = people.department("B", "乙街道", d)
    p = {
        "a1": people.staff("A01", a, name="一号").user,
        "a2": people.staff("A02", a1, name="二号").user,
        "a3": people.staff("A03", a1, name="三号").user,
        "b1": people.staff("B01", b, name="四号").user,
    }
    x = make_course(lessons=0, title="课程甲")
    y = make_course(lessons=0, title="课程乙")
    assign(x, DUE_X, [p["a1"], p["a2"], p["a3"], p["b1"]])
    assign(y, DUE_Y, [p["a1"], p["a2"]])
    complete(p["a1"], x, datetime.date(2026, 6, 1))
    complete(p["a2"], y, datetime.date(2026, 6, 2))
    x_of_a2 = p["a2"].assigned_courses.get(assignment__course=x)
    give_late_reason(
        assigned=x_of_a2,
        user=p["a2"],
        kind=LateReasonKind.OTHER,
        text="系统故障",
        committed_on=COMMITTED,
        today=TODAY,
    )
    head_a = people.staff("HA", b, name="甲局长").user
    people.grant(head_a, Role.DEPARTMENT_HEAD, a)
    people.grant(head_a, Role.DEPARTMENT_HEAD, a1)
    head_d = people.make_user("hd")
    people.grant(head_d, Role.DEPARTMENT_HEAD, d)
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, d)
    # A week ago A's subtree had 1 of 5 completed and 3 overdue; D has no snapshot.
    DepartmentSnapshot.objects.create(
        date=TODAY - datetime.timedelta(days=7),
        department=a,
        people=3,
        assigned=5,
        completed_on_time=1,
        overdue=3,
    )
    return {"A": a, "D": d, "people": p, "head_a": head_a, "head_d": head_d}


@pytest.fixture
def world(db):
    return build()


@pytest.fixture
def english(settings):
    settings.LANGUAGE_CODE = "en"


def test_the_digest_counts_the_heads_subtree_only(world):
    digest = weekly_digest(head=world["head_a"], today=TODAY)
    assert [d.code for d in digest.departments] == ["A"]
    now = digest.now
    assert (now.people, now.assigned, now.completed, now.overdue) == (3, 5, 2, 2)
    assert now.completion_rate == 40
    assert digest.week == (2026, 27)
    assert digest.week_ago.completion_rate == 20
    assert (digest.rate_change, digest.completed_change, digest.overdue_change) == (
        "+20",
        "+1",
        "-1",
    )
    assert [row.user.staff_profile.employee_id for row in digest.overdue] == [
        "A02",
        "A03",
    ]
    assert digest.overdue_count == 2


def test_the_whole_district_without_last_weeks_figures(world):
    digest = weekly_digest(head=world["head_d"], today=TODAY)
    now = digest.now
    # HA's own profile in B is one of the district's people.
    assert (now.people, now.assigned, now.completed, now.overdue) == (5, 6, 2, 3)
    assert now.completion_rate == 33
    assert digest.week_ago is None
    assert digest.overdue_count == 3


def test_nobody_but_heads_has_a_digest(world):
    assert weekly_digest(head=world["people"]["a1"], today=TODAY) is None


def test_the_plain_text_reads_the_figures_reasons_and_change(world, english):
    subject, body = render_digest(weekly_digest(head=world["head_a"], today=TODAY))
    assert subject == "Training this week, 2026 week 27"
    lines = body.splitlines()
    for line in [
        "Hello 甲局长,",
        "People: 3",
        "Assigned: 5",
        "Completed: 2 (40%)",
        "Overdue: 2",
        "Completion rate: 20% -> 40% (+20 points)",
        "Completed: +1",
        "Overdue: -1",
        "== Overdue: 2 assignments ==",
        "- A02 二号 (甲一科) · 课程甲 · due 2026-06-21 · Reason: Other: 系统故障 · "
        "will complete by 2026-07-15",
        "- A03 三号 (甲一科) · 课程甲 · due 2026-06-21 · No reason given",
    ]:
        assert line in lines, line
    assert "<" not in body
    assert "四号" not in body


def test_without_last_weeks_snapshots_the_digest_says_so(world, english):
    __, body = render_digest(weekly_digest(head=world["head_d"], today=TODAY))
    assert "No figures were recorded a week ago." in body.splitlines()


def test_the_digest_is_in_chinese_by_default(world):
    subject, body = render_digest(weekly_digest(head=world["head_a"], today=TODAY))
    assert "第 27 周" in subject
    assert "系统故障" in body
    assert "未说明原因" in body


def test_each_head_gets_one_digest_a_week_however_often_it_runs(world):
    assert services.send_weekly_digests(today=TODAY) == 2
    assert services.send_weekly_digests(today=TODAY) == 0
    # Later the same ISO week: still nothing.
    assert services.send_weekly_digests(today=TODAY + datetime.timedelta(days=4)) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["HA@example.org", "hd@example.org"]
    assert DigestDelivery.objects.filter(sent_at__isnull=False).count() == 2
    assert services.send_weekly_digests(today=TODAY + datetime.timedelta(days=7)) == 2
    assert len(mail.outbox) == 4


def test_a_failed_mail_gives_the_claim_up_for_the_next_run(world, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(services, "send_mail", broken)
    with pytest.raises(ConnectionError):
        services.send_digest(head=world["head_a"], today=TODAY)
    assert not DigestDelivery.objects.exists()
    monkeypatch.undo()
    assert services.send_digest(head=world["head_a"], today=TODAY)
    assert len(mail.outbox) == 1


def test_the_beat_sends_it_on_monday_morning_in_shanghai():
    entry = app.conf.beat_schedule["send-weekly-head-digests"]
    assert entry["args"][0] == "citylearn.reports.tasks.send_weekly_head_digests"
    assert entry["schedule"].day_of_week == {1}
    assert entry["schedule"].hour == {8}
    assert app.conf.timezone == "Asia/Shanghai"


def test_the_task_sends_through_the_service(world):
    from citylearn.reports.tasks import send_weekly_head_digests

    send_weekly_head_digests.delay()
    send_weekly_head_digests.delay()
    assert len(mail.outbox) == 2


def test_the_preview_command_prints_without_sending(world, english):
    out = io.StringIO()
    call_command("preview_digest", "HA", stdout=out)
    assert "People: 3" in out.getvalue()
    assert not mail.outbox
    assert not DigestDelivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_one_digest():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: concurrency is tested on PostgreSQL")
    world = build()
    outcome = []

    def second():
        try:
            outcome.append(services.send_digest(head=world["head_a"], today=TODAY))
        finally:
            connections.close_all()

    thread = threading.Thread(target=second)
    with transaction.atomic():
        assert services.send_digest(head=world["head_a"], today=TODAY)
        thread.start()
        # The second claim waits on the first's uncommitted row, then fails.
        thread.join(timeout=2)
    thread.join()
    assert outcome == [False]
    assert DigestDelivery.objects.count() == 1
    assert len(mail.outbox) == 1
