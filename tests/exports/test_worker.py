"""A large export through a real broker and worker (started by .ci/run)."""

import pytest

from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.exports.enums import ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.storage import export_storage
from citylearn.settings import base
from tests.conftest import wait_until
from tests.exports.reading import download, xlsx_rows
from tests.reports import world

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
]


def test_the_worker_writes_the_export_once(through_the_broker, client, settings):
    # The worker writes where the settings say, not in this test's directory.
    settings.STORAGES = base.STORAGES
    settings.EXPORT_ROWS_AT_ONCE = 2
    tree = world.build()
    client.force_login(tree["officer"])

    response = client.post("/hr/exports/dashboard/new/", {"format": "xlsx"})

    job = Export.objects.get()
    assert response["Location"] == f"/hr/exports/{job.pk}/"
    assert wait_until(
        lambda: Export.objects.get(pk=job.pk).status == ExportStatus.READY
    )
    job.refresh_from_db()
    try:
        rows = xlsx_rows(download(client.get(f"/hr/exports/{job.pk}/download/")))
        assert [row[1] for row in rows[1:]] == ["P1", "P2", "P3", "P4", "P5", "P6"]
        entries = AuditEntry.objects.filter(action=AuditAction.EXPORT)
        assert entries.filter(target_user__isnull=True).get().detail["rows"] == 6
        assert entries.filter(target_user__isnull=False).count() == 6
    finally:
        export_storage().delete(job.file_name)
