import datetime
import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, QueryDict
from django.utils import timezone

from citylearn.access.permissions import read_scope
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import PendingEntry, record, record_many
from citylearn.core.queueing import queue
from citylearn.core.spreadsheets import write_csv, write_xlsx
from citylearn.exports.enums import ExportFormat, ExportSource, ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.sources import FiltersRefused, Selection, covers, rows, select
from citylearn.exports.storage import export_storage

CONTENT_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}


class ExportNotStarted(Exception):
    """The broker could not be reached: nothing was queued or kept."""


@dataclass(frozen=True)
class Download:
    content: bytes
    filename: str
    content_type: str


def _link_lifetime() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.EXPORT_LINK_HOURS)


def _write(fmt: str, file, selection: Selection, **kwargs) -> None:
    lines = rows(selection, **kwargs)
    if fmt == ExportFormat.XLSX:
        write_xlsx(file, lines, title=ExportSource(selection.source).label)
    else:
        write_csv(file, lines)


def _audit(
    *,
    actor,
    request: HttpRequest | None,
    selection: Selection,
    fmt: str,
    exported: list[tuple[int, str]],
) -> None:
    """One summary entry, then one per person, so each can see who exported them."""
    detail = {
        "source": selection.source,
        "filters": selection.filters,
        "format": fmt,
        "rows": len(exported),
        "department_id": selection.department_id,
    }
    record(
        action=AuditAction.EXPORT,
        request=request,
        actor=actor,
        target_label=str(ExportSource(selection.source).label),
        detail=detail,
    )
    record_many(
        entries=(
            PendingEntry(
                action=AuditAction.EXPORT,
                target_user_id=user_id,
                target_label=label,
                detail=detail,
            )
            for user_id, label in exported
        ),
        actor=actor,
        request=request,
    )


def start_export(
    *, request: HttpRequest, source: str, fmt: str, params: QueryDict
) -> Download | Export:
    """The page's rows as a file at once, or, past the threshold, queued for a worker.

    Raises FiltersRefused when the page's filters are not valid, ExportNotStarted
    when a large export cannot be queued (called in autocommit, as views are, so that
    the worker finds the export it is sent).
    """
    user = request.user
    today = timezone.localdate()
    selection = select(source, user=user, params=params, today=today)
    total = selection.people.count()
    if total > settings.EXPORT_ROWS_AT_ONCE:
        export = Export.objects.create(
            requester=user,
            source=source,
            format=fmt,
            query=urlencode(selection.filters),
            paths=selection.paths,
            rows_total=total,
            expires_at=timezone.now() + _link_lifetime(),
        )
        # The task module imports this one.
        from citylearn.exports.tasks import write_export_task

        if not queue(write_export_task, export.pk):
            export.delete()
            raise ExportNotStarted
        return export
    exported: list[tuple[int, str]] = []
    if fmt == ExportFormat.XLSX:
        buffer = io.BytesIO()
        _write(fmt, buffer, selection, today=today, exported=exported)
        content = buffer.getvalue()
    else:
        text = io.StringIO()
        _write(fmt, text, selection, today=today, exported=exported)
        content = text.getvalue().encode()
    _audit(actor=user, request=request, selection=selection, fmt=fmt, exported=exported)
    return Download(
        content=content,
        filename=f"{source}-{timezone.localtime():%Y%m%d-%H%M}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )


def write_export(*, export_id: int) -> None:
    """Write a queued export's file and audit it; a second run, or a rerun, is safe.

    The file is written under a temporary name and renamed once complete, so a
    download never sees half a file; of two runs at once, the first to finish wins
    and the other's file is discarded.
    """
    export = Export.objects.select_related("requester").filter(pk=export_id).first()
    if export is None or export.finished:
        return
    user = export.requester
    today = timezone.localdate()
    try:
        selection = select(
            export.source, user=user, params=QueryDict(export.query), today=today
        )
    except FiltersRefused:
        selection = None
    # The requester's scope may have shrunk, or a department moved, since the request.
    if selection is None or not covers(read_scope(user), selection.paths):
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, finished_at=timezone.now()
        )
        return
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, rows_done=0)

    def progress(done: int) -> None:
        Export.objects.filter(pk=export.pk).update(rows_done=done)

    directory = Path(export_storage().location)
    directory.mkdir(parents=True, exist_ok=True)
    temporary = directory / f"{export.pk}-{secrets.token_hex(8)}.part"
    exported: list[tuple[int, str]] = []
    try:
        if export.format == ExportFormat.XLSX:
            opened = temporary.open("wb")
        else:
            opened = temporary.open("w", encoding="utf-8", newline="")
        with opened as file:
            _write(
                export.format,
                file,
                selection,
                today=today,
                exported=exported,
                progress=progress,
            )
        with transaction.atomic():
            locked = Export.objects.select_for_update().get(pk=export.pk)
            if locked.finished:
                return
            name = f"{export.pk}-{secrets.token_hex(16)}.{export.format}"
            os.replace(temporary, directory / name)
            now = timezone.now()
            locked.status = ExportStatus.READY
            locked.file_name = name
            locked.rows_total = locked.rows_done = len(exported)
            locked.finished_at = now
            locked.expires_at = now + _link_lifetime()
            locked.save()
            _audit(
                actor=user,
                request=None,
                selection=selection,
                fmt=export.format,
                exported=exported,
            )
    finally:
        temporary.unlink(missing_ok=True)


def delete_expired_exports(*, now: datetime.datetime | None = None) -> int:
    """Delete expired exports and their files, and files no export holds any more.

    A worker killed mid-write leaves its temporary file; none is older than a link's
    lifetime unless it is abandoned.
    """
    now = now or timezone.now()
    storage = export_storage()
    expired = Export.objects.filter(expires_at__lte=now)
    for name in expired.exclude(file_name="").values_list("file_name", flat=True):
        storage.delete(name)
    deleted, __ = expired.delete()
    directory = Path(storage.location)
    if directory.is_dir():
        cutoff = (now - _link_lifetime()).timestamp()
        kept = set(
            Export.objects.exclude(file_name="").values_list("file_name", flat=True)
        )
        for path in directory.iterdir():
            if path.name not in kept and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
    return deleted
