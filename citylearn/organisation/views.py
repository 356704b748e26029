from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from citylearn.access.permissions import (
    people_reader_required,
    read_scope,
    roster_manager_required,
    write_scope,
)
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.core.spreadsheets import csv_response
from citylearn.organisation.enums import RosterChangeKind, RosterImportStatus
from citylearn.organisation.forms import (
    PeopleFilterForm,
    RosterApplyForm,
    RosterUploadForm,
)
from citylearn.organisation.imports.change_list import change_list
from citylearn.organisation.imports.columns import COLUMNS
from citylearn.organisation.imports.errors import RosterHasErrors
from citylearn.organisation.imports.planning import RosterPlan
from citylearn.organisation.imports.uploads import (
    apply_upload,
    check_upload,
    preview_upload,
    upload_for,
)
from citylearn.organisation.selectors import (
    departments_in,
    departments_with_headcount,
    people_visible_to,
)
from citylearn.reports.selectors import people_figures

SHOWN_PER_LIST = 200
OPEN_UP_TO = 20  # a list this short is shown unfolded


@require_http_methods(["GET", "POST"])
@roster_manager_required
def roster_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        upload, plan = check_upload(
            user=request.user,
            filename=file.name,
            content=file.read(),
            request=request,
        )
        if upload is None:
            return render(
                request,
                "organisation/roster_preview.html",
                _preview_context(plan, file.name, upload=None),
            )
        return redirect("organisation:roster_preview", upload_id=upload.pk)
    return render(
        request,
        "organisation/roster_upload.html",
        {
            "form": form,
            "columns": COLUMNS,
            "departments": departments_in(write_scope(request.user)),
        },
    )


@require_GET
@roster_manager_required
def roster_template(request):
    header = ",".join(column.headers[0] for column in COLUMNS)
    # The BOM makes Excel on Chinese Windows open UTF-8 as UTF-8 instead of GBK.
    response = HttpResponse(
        ("\ufeff" + header + "\r\n").encode(), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response


def _listing(label, items: list) -> dict:
    shown = items[:SHOWN_PER_LIST]
    return {
        "label": label,
        "items": shown,
        "shown": len(shown),
        "total": len(items),
        "open": len(items) <= OPEN_UP_TO,
    }


def _preview_context(plan, filename: str, upload) -> dict:
    changes = [
        _listing(kind.label, plan.of_kind(kind))
        for kind in (
            RosterChangeKind.CREATE,
            RosterChangeKind.MOVE,
            RosterChangeKind.UPDATE,
        )
    ]
    return {
        "upload": upload,
        "filename": filename,
        "plan": plan,
        "counts": plan.counts(),
        "changes": [listing for listing in changes if listing["total"]],
        "departures": _listing(_("Missing from the file"), plan.departures),
        "kept": _listing(_("Missing from the file but left active"), plan.kept),
        "form": RosterApplyForm(
            creates=len(plan.of_kind(RosterChangeKind.CREATE)),
            departures=len(plan.departures),
        ),
    }


@require_GET
@roster_manager_required
def roster_preview(request, upload_id: int):
    upload = upload_for(user=request.user, upload_id=upload_id)
    if upload.status == RosterImportStatus.APPLIED:
        return render(request, "organisation/roster_applied.html", {"upload": upload})
    plan = preview_upload(upload=upload, user=request.user)
    return render(
        request,
        "organisation/roster_preview.html",
        _preview_context(plan, upload.filename, upload),
    )


@require_GET
@roster_manager_required
def roster_changes(request, upload_id: int):
    """Every change an upload would make, as CSV: the preview shows only the first."""
    upload = upload_for(user=request.user, upload_id=upload_id)
    if upload.status == RosterImportStatus.APPLIED:
        raise Http404
    plan = preview_upload(upload=upload, user=request.user)
    response = csv_response(change_list(plan), filename="roster-changes.csv")
    record(
        action=AuditAction.EXPORT,
        request=request,
        target_label=upload.filename,
        detail={"upload": upload.pk, "what": "roster changes"},
    )
    return response


@require_POST
@roster_manager_required
def roster_apply(request, upload_id: int):
    upload = upload_for(user=request.user, upload_id=upload_id)
    form = RosterApplyForm(request.POST)
    form.is_valid()
    try:
        result = apply_upload(
            upload_id=upload_id,
            user=request.user,
            deactivate_missing=form.cleaned_data.get("deactivate_missing", False),
            request=request,
            invite=form.cleaned_data.get("send_activation", False),
        )
    except RosterHasErrors as refused:
        # The upload is gone (see apply_upload): the errors are shown here, once.
        messages.error(
            request,
            _(
                "Nothing was changed: the roster has errors (the people in it may have "
                "changed since the preview). Fix them and upload the file again."
            ),
        )
        plan = RosterPlan(headers={}, errors=refused.errors)
        return render(
            request,
            "organisation/roster_preview.html",
            _preview_context(plan, upload.filename, upload=None),
        )
    if result is not None:
        messages.success(request, _("The roster has been applied."))
    return redirect("organisation:roster_preview", upload_id=upload_id)


@require_GET
@people_reader_required
def people(request):
    scope = read_scope(request.user)
    form = PeopleFilterForm(request.GET or None, departments=departments_in(scope))
    page_obj = Paginator(form.people(request.user), 100).get_page(
        request.GET.get("page")
    )
    people_figures(page_obj.object_list, today=timezone.localdate())
    return render(
        request,
        "organisation/people.html",
        {
            "form": form,
            "departments": departments_with_headcount(scope),
            "page_obj": page_obj,
            "query": _without_page(request),
            "can_import": bool(write_scope(request.user)),
        },
    )


def _without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@require_GET
@people_reader_required
def person(request, employee_id: str):
    """One person's records, only inside the viewer's scope; every view is logged."""
    # PostgreSQL refuses a NUL in a query; no employee id contains one.
    if "\x00" in employee_id:
        raise Http404
    profile = people_visible_to(request.user).filter(employee_id=employee_id).first()
    if profile is None:
        raise Http404
    record(
        action=AuditAction.PERSON_VIEWED,
        request=request,
        target_user=profile.user,
    )
    return render(
        request,
        "organisation/person.html",
        {"person": profile, "ancestors": profile.department.get_ancestors()},
    )
