"""Drill: a worker SIGKILLed in the middle of an export.

The CI worker is shared by the whole suite and cannot be killed from a test, so the
export is written by a separate process that really is SIGKILLed half-way through
its file; the task is then run again, as the broker hands an unacknowledged task
(acks_late, reject_on_worker_lost) to the restarted worker. bench/drills/worker_killed.py
kills a real worker. The reminder run's kill is in tests/reminders/test_worker_crash.py.
"""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.utils import timezone

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.exports.enums import ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.services import delete_expired_exports
from citylearn.exports.sources import select
from citylearn.exports.tasks import write_export_task
from tests.exports.reading import csv_rows, download
from tests.reports import world

pytestmark = pytest.mark.django_db(transaction=True)


def database_url() -> str:
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
        return (
            f"postgres://{database['USER']}{password}@{database['HOST']}:"
            f"{database['PORT']}/{database['NAME']}"
        )
    return f"sqlite:///{database['NAME']}"


def queued_export(officer) -> Export:
    """An export as start_export queues it, past the rows written at once."""
    selection = select(
        "dashboard", user=officer, params=QueryDict(""), today=world.TODAY
    )
    return Export.objects.create(
        requester=officer,
        source="dashboard",
        format="csv",
        paths=selection.paths,
        rows_total=selection.people.count(),
        expires_at=timezone.now() + timedelta(hours=24),
    )


def test_an_export_killed_mid_file_is_finished_once_by_the_rerun(
    client, export_files, settings
):
    settings.EXPORT_ROWS_AT_ONCE = 2
    tree = world.build()
    job = queued_export(tree["officer"])

    killed = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "tests.drills.killed_exporter", str(job.pk), "3"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "citylearn.settings.test",
            "DATABASE_URL": database_url(),
            "PRIVATE_MEDIA_ROOT": str(export_files.parent),
            "EXPORT_ROWS_AT_ONCE": "2",
        },
        timeout=120,
        check=False,
    )

    assert killed.returncode == -signal.SIGKILL
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING
    assert job.file_name == ""
    # Half a file was written, under a name no download ever serves.
    (half,) = export_files.iterdir()
    assert half.suffix == ".part"
    client.force_login(tree["officer"])
    assert client.get(f"/hr/exports/{job.pk}/download/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()

    write_export_task.delay(job.pk)
    write_export_task.delay(job.pk)

    job.refresh_from_db()
    assert job.status == ExportStatus.READY
    rows = csv_rows(download(client.get(f"/hr/exports/{job.pk}/download/")))
    assert [row[1] for row in rows[1:]] == ["P1", "P2", "P3", "P4", "P5", "P6"]
    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    assert entries.filter(target_user__isnull=True).count() == 1
    assert entries.filter(target_user__isnull=False).count() == 6
    # The killed writer's half file is swept once no export can be writing it.
    os.utime(half, (time.time() - 2 * 24 * 3600,) * 2)
    delete_expired_exports()
    assert not half.exists()
    assert (export_files / job.file_name).exists()
