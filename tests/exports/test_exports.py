import datetime
import os
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.celery import app
from citylearn.exports.enums import ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.services import delete_expired_exports, write_export
from citylearn.exports.tasks import delete_expired_export_files
from citylearn.organisation.models import StaffProfile
from tests.builders import people
from tests.exports.reading import csv_rows, download, xlsx_rows

pytestmark = pytest.mark.django_db

HEADER = [
    "姓名",
    "工号",
    "部门",
    "部门编码",
    "职务",
    "在职",
    "已指派",
    "按期完成",
    "逾期完成",
    "进行中",
    "未开始",
    "已逾期",
    "今年学时",
]


def export(client, source: str, fmt: str, query: str = ""):
    return client.post(f"/hr/exports/{source}/new/?{query}", {"format": fmt})


def page_rows(page_obj) -> list[list]:
    """The people table of a page, as the export's columns hold it."""
    return [
        [
            person.employee_id,
            person.figures.assigned,
            person.figures.completed,
            person.figures.in_progress,
            person.figures.overdue,
            person.figures.hours_earned,
        ]
        for person in page_obj
    ]


def comparable(rows: list[list]) -> list[list]:
    return [
        [row[1], int(row[6]), int(row[7]) + int(row[8]), int(row[9]), int(row[11])]
        + [float(row[12])]
        for row in rows
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "department=A",
        "department=D&course={x}",
        "status=overdue",
        "status=not_started&people_sort=name",
        "people_sort=hours",
    ],
)
def test_the_xlsx_holds_the_dashboards_filtered_people(client, tree, query):
    query = query.format(x=tree["x"].pk)
    client.force_login(tree["officer"])
    page = client.get(f"/hr/?{query}").context["page_obj"]

    response = export(client, "dashboard", "xlsx", query)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    rows = xlsx_rows(download(response))
    assert rows[0] == HEADER
    expected = [row[:5] + [float(row[5])] for row in page_rows(page)]
    assert comparable(rows[1:]) == expected
    assert len(rows) - 1 == page.paginator.count


def test_the_csv_holds_the_people_lists_rows(client, tree):
    client.force_login(tree["officer"])
    page = client.get("/hr/people/?q=号").context["page_obj"]

    rows = csv_rows(download(export(client, "people", "csv", "q=号")))

    assert rows[0] == HEADER
    assert [row[1] for row in rows[1:]] == [p.employee_id for p in page]
    # The people list includes those who have left, as its page does.
    assert rows[-1][1] == "P7" and rows[-1][5] == "否"
    p1 = next(row for row in rows if row[1] == "P1")
    assert p1[:4] == ["一号", "P1", "甲一科", "A1"]
    assert p1[6:] == ["1", "1", "0", "0", "0", "0", "2.0"]


def test_a_head_exports_only_their_subtree(client, tree):
    client.force_login(tree["head"])

    rows = xlsx_rows(download(export(client, "dashboard", "xlsx")))
    refused = export(client, "dashboard", "xlsx", "department=A")

    assert [row[1] for row in rows[1:]] == ["P4", "P5", "P6"]
    assert refused.status_code == 400
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT, detail__rows=0)


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_starting_like_a_formula_is_text(client, tree, fmt, start):
    hostile = f'{start}HYPERLINK("http://evil")'
    people.staff("EVIL", tree["B"], name=hostile, position=hostile)
    client.force_login(tree["officer"])

    content = download(export(client, "people", fmt, "q=EVIL"))

    rows = xlsx_rows(content) if fmt == "xlsx" else csv_rows(content)
    name, position = rows[1][0], rows[1][4]
    if fmt == "xlsx":
        # XML reads a carriage return back as a line feed; the quote is what matters.
        name, position = (cell.replace("\n", "\r") for cell in (name, position))
    assert name == position == "'" + hostile


def test_every_export_is_audited_once_and_per_person(client, tree):
    client.force_login(tree["officer"])

    export(client, "dashboard", "csv", "department=A&status=overdue&page=2")

    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    summary = entries.get(target_user__isnull=True)
    assert summary.actor == tree["officer"]
    assert summary.detail == {
        "source": "dashboard",
        "filters": {"department": "A", "status": "overdue"},
        "format": "csv",
        "rows": 1,
        "department_id": tree["A"].pk,
    }
    person = entries.get(target_user__isnull=False)
    assert person.target_user == tree["people"]["p3"]
    assert person.detail == summary.detail


def test_bad_filters_export_nothing(client, tree):
    client.force_login(tree["officer"])

    response = export(
        client, "dashboard", "xlsx", "due_from=2026-05-01&due_to=2026-01-01"
    )
    unknown = export(client, "dashboard", "pdf")

    assert response.status_code == 400
    assert "due_to" in response.context["form"].errors
    assert unknown.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_query_count_does_not_grow_with_the_rows(client, tree, settings, later):
    client.force_login(tree["officer"])
    settings.EXPORT_ROWS_AT_ONCE = 10_000

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert export(client, "dashboard", "xlsx").status_code == 200
        return len(captured)

    few = queries()
    for n in range(40):
        people.staff(f"N{n}", tree["B"], name=f"新人{n}")
    assert queries() == few


# --- exports written by a worker ---------------------------------------------------


@pytest.fixture
def queued(client, tree, settings):
    """Exports of more than two rows go to the worker (here, eagerly)."""
    settings.EXPORT_ROWS_AT_ONCE = 2
    client.force_login(tree["officer"])
    return tree


@pytest.fixture
def later(client, django_capture_on_commit_callbacks):
    """Request an export; the task it queues on commit runs before this returns."""

    def request(source: str, fmt: str, query: str = ""):
        with django_capture_on_commit_callbacks(execute=True):
            return export(client, source, fmt, query)

    return request


def test_a_large_export_is_written_by_a_worker_for_its_requester(
    client, queued, export_files, later
):
    response = later("dashboard", "xlsx", "department=D")

    job = Export.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/hr/exports/{job.pk}/"
    assert job.status == ExportStatus.READY
    assert job.rows_done == job.rows_total == 6
    page = client.get(response["Location"])
    assert f"/hr/exports/{job.pk}/download/" in page.content.decode()
    assert 'http-equiv="refresh"' not in page.content.decode()
    rows = xlsx_rows(download(client.get(f"/hr/exports/{job.pk}/download/")))
    assert [row[1] for row in rows[1:]] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    # Private storage, and no temporary file left behind.
    assert [path.name for path in export_files.iterdir()] == [job.file_name]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1 + 6


def test_a_waiting_export_shows_its_progress_and_refreshes(client, queued):
    job = Export.objects.create(
        requester=queued["officer"],
        source="dashboard",
        format="csv",
        paths=[queued["D"].path],
        rows_total=200,
        rows_done=50,
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )

    html = client.get(f"/hr/exports/{job.pk}/").content.decode()

    assert 'http-equiv="refresh"' in html
    assert 'value="25"' in html
    assert client.get(f"/hr/exports/{job.pk}/download/").status_code == 404


def test_nobody_else_can_open_an_export_even_with_its_link(client, queued, later):
    later("dashboard", "csv")
    job = Export.objects.get()
    links = [f"/hr/exports/{job.pk}/", f"/hr/exports/{job.pk}/download/"]
    other = people.make_user("other-officer")
    people.grant(other, Role.HR_OFFICER, queued["B"])
    everything = people.make_user("admin", is_superuser=True)

    for intruder in (other, queued["head"], everything):
        client.force_login(intruder)
        assert [client.get(link).status_code for link in links] == [404, 404]
    client.force_login(queued["people"]["p1"])
    assert [client.get(link).status_code for link in links] == [403, 403]


def test_a_requester_who_lost_the_scope_cannot_download(client, queued, later):
    later("dashboard", "csv")
    job = Export.objects.get()

    queued["officer"].role_assignments.all().delete()
    people.grant(queued["officer"], Role.HR_OFFICER, queued["B"])

    assert client.get(f"/hr/exports/{job.pk}/download/").status_code == 404


def test_an_expired_link_is_refused_and_its_file_deleted(
    client, queued, export_files, later
):
    later("dashboard", "csv")
    job = Export.objects.get()
    Export.objects.filter(pk=job.pk).update(expires_at=timezone.now())

    assert client.get(f"/hr/exports/{job.pk}/download/").status_code == 404
    assert client.get(f"/hr/exports/{job.pk}/").context["expired"]
    assert delete_expired_exports() == 1
    assert not Export.objects.exists()
    assert list(export_files.iterdir()) == []


def test_a_second_run_or_a_rerun_after_a_crash_is_safe(
    client, queued, export_files, later
):
    later("dashboard", "xlsx")
    job = Export.objects.get()

    write_export(export_id=job.pk)  # the broker delivered it twice
    assert Export.objects.get().file_name == job.file_name
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1 + 6

    # A worker killed mid-write: the task is delivered again.
    Export.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, file_name="", rows_done=3
    )
    (export_files / f"{job.pk}-dead.part").write_bytes(b"half a file")
    write_export(export_id=job.pk)

    job.refresh_from_db()
    assert job.status == ExportStatus.READY and job.rows_done == 6
    rows = xlsx_rows(download(client.get(f"/hr/exports/{job.pk}/download/")))
    assert len(rows) == 7


def test_an_export_whose_filter_left_the_scope_fails(client, queued, later):
    later("dashboard", "csv", "department=A")
    job = Export.objects.get()
    Export.objects.filter(pk=job.pk).update(status=ExportStatus.PENDING, file_name="")
    queued["officer"].role_assignments.all().delete()
    people.grant(queued["officer"], Role.HR_OFFICER, queued["B"])

    write_export(export_id=job.pk)

    assert Export.objects.get().status == ExportStatus.FAILED


def test_the_queued_export_has_the_same_rows_as_at_once(
    client, queued, settings, later
):
    query = "status=overdue"
    settings.EXPORT_ROWS_AT_ONCE = 10_000
    at_once = csv_rows(download(later("people", "csv", query)))
    settings.EXPORT_ROWS_AT_ONCE = 0
    later("people", "csv", query)
    job = Export.objects.get()

    later = csv_rows(download(client.get(f"/hr/exports/{job.pk}/download/")))

    assert later == at_once
    assert len(later) == 1 + StaffProfile.objects.count()


def test_the_sweep_deletes_abandoned_temporary_files(export_files):
    export_files.mkdir(parents=True)
    abandoned = export_files / "9-dead.part"
    abandoned.write_bytes(b"half a file")
    being_written = export_files / "10-live.part"
    being_written.write_bytes(b"half a file")
    a_day_ago = time.time() - 25 * 3600
    os.utime(abandoned, (a_day_ago, a_day_ago))

    delete_expired_exports()

    assert [path.name for path in export_files.iterdir()] == ["10-live.part"]


def test_the_sweep_is_on_the_beat_schedule():
    tasks = {entry["args"][0] for entry in app.conf.beat_schedule.values()}
    assert delete_expired_export_files.name in tasks
