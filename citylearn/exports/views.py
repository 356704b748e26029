from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from citylearn.access.permissions import people_reader_required, read_scope
from citylearn.exports.enums import ExportFormat, ExportSource, ExportStatus
from citylearn.exports.models import Export
from citylearn.exports.services import Download, ExportNotStarted, start_export
from citylearn.exports.sources import FiltersRefused, covers
from citylearn.exports.storage import export_storage

# A page waiting for a worker asks again this often (a plain meta refresh, no script).
REFRESH_SECONDS = 3


@require_POST
@people_reader_required
def create(request, source: str):
    """Export what the page `source` lists for the filters in the query string."""
    fmt = request.POST.get("format", "")
    if source not in ExportSource.values or fmt not in ExportFormat.values:
        raise Http404
    try:
        result = start_export(
            request=request, source=source, fmt=fmt, params=request.GET
        )
    except FiltersRefused as refused:
        return render(
            request, "exports/refused.html", {"form": refused.form}, status=400
        )
    except ExportNotStarted:
        return render(request, "exports/not_started.html", status=503)
    if isinstance(result, Download):
        response = HttpResponse(result.content, content_type=result.content_type)
        response["Content-Disposition"] = f'attachment; filename="{result.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return redirect("exports:export", pk=result.pk)


def _own_export(request, pk: int) -> Export:
    """The requester's own export, while their scope still covers it; else 404."""
    export = Export.objects.filter(pk=pk, requester=request.user).first()
    if export is None or not covers(read_scope(request.user), export.paths):
        raise Http404
    return export


@require_GET
@people_reader_required
def export(request, pk: int):
    """How far a queued export has got, and its download link once ready."""
    export = _own_export(request, pk)
    return render(
        request,
        "exports/export.html",
        {
            "export": export,
            "expired": export.expires_at <= timezone.now(),
            "refresh": None if export.finished else REFRESH_SECONDS,
            "statuses": ExportStatus,
        },
    )


@require_GET
@people_reader_required
def download(request, pk: int):
    export = _own_export(request, pk)
    if export.status != ExportStatus.READY or export.expires_at <= timezone.now():
        raise Http404
    response = FileResponse(
        export_storage().open(export.file_name, "rb"),
        as_attachment=True,
        filename=export.download_name,
    )
    response["Cache-Control"] = "private, no-store"
    return response
