from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from citylearn.access.permissions import (
    people_reader_required,
    read_scope,
    roster_manager_required,
    write_scope,
)
from citylearn.accounts.services import queue_password_links
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.enums import RosterChangeKind, RosterImportStatus
from citylearn.organisation.forms import (
    PeopleFilterForm,
    RosterApplyForm,
    RosterUploadForm,
)
from citylearn.organisation.roster.columns import COLUMNS
from citylearn.organisation.roster.errors import RosterHasErrors
from citylearn.organisation.roster.uploads import (
    apply_upload,
    preview_upload,
    store_upload,
    upload_for,
)
from citylearn.organisation.selectors import (
    departments_in,
    departments_with_headcount,
    people_visible_to,
)
from citylearn.reports.selectors import people_figures

SHOWN_PER_LIST = 200


@require_http_methods(["GET", "POST"])
@roster_manager_required
def roster_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        stored = store_upload(
            user=request.user,
            filename=upload.name,
            content=upload.read(),
            request=request,
        )
        return redirect("organisation:roster_preview", upload_id=stored.pk)
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


@require_GET
@roster_manager_required
def roster_preview(request, upload_id: int):
    upload = upload_for(user=request.user, upload_id=upload_id)
    if upload.status == RosterImportStatus.APPLIED:
        return render(request, "organisation/roster_applied.html", {"upload": upload})
    plan = preview_upload(upload=upload, user=request.user)
    lists = [
        (kind.label, plan.of_kind(kind))
        for kind in (
            RosterChangeKind.CREATE,
            RosterChangeKind.MOVE,
            RosterChangeKind.UPDATE,
        )
    ]
    return render(
        request,
        "organisation/roster_preview.html",
        {
            "upload": upload,
            "plan": plan,
            "counts": plan.counts(),
            "lists": [
                (label, people[:SHOWN_PER_LIST], len(people)) for label, people in lists
            ],
            "departures": plan.departures[:SHOWN_PER_LIST],
            "form": RosterApplyForm(
                creates=len(plan.of_kind(RosterChangeKind.CREATE)),
                departures=len(plan.departures),
            ),
            "shown_per_list": SHOWN_PER_LIST,
        },
    )


@require_POST
@roster_manager_required
def roster_apply(request, upload_id: int):
    upload_for(user=request.user, upload_id=upload_id)
    form = RosterApplyForm(request.POST)
    form.is_valid()
    try:
        result = apply_upload(
            upload_id=upload_id,
            user=request.user,
            deactivate_missing=form.cleaned_data.get("deactivate_missing", False),
            request=request,
        )
    except RosterHasErrors:
        messages.error(
            request,
            _(
                "Nothing was changed: the roster has errors (the people in it may have "
                "changed since the preview). Fix them and upload the file again."
            ),
        )
        return redirect("organisation:roster_preview", upload_id=upload_id)
    if result is not None:
        if form.cleaned_data.get("send_activation") and result.created_user_ids:
            queue_password_links(
                user_ids=result.created_user_ids, language=get_language()
            )
        messages.success(request, _("The roster has been applied."))
    return redirect("organisation:roster_preview", upload_id=upload_id)


@require_GET
@people_reader_required
def people(request):
    scope = read_scope(request.user)
    form = PeopleFilterForm(request.GET or None, departments=departments_in(scope))
    staff = people_visible_to(request.user)
    if form.is_bound and not form.is_valid():
        staff = staff.none()
    elif form.is_valid():
        department = form.cleaned_data["department"]
        if department:
            staff = staff.filter(department__path__startswith=department.path)
        if form.cleaned_data["q"]:
            term = form.cleaned_data["q"]
            staff = staff.filter(
                Q(name__icontains=term) | Q(employee_id__icontains=term)
            )
    page_obj = Paginator(
        staff.order_by("department__path", "employee_id"), 100
    ).get_page(request.GET.get("page"))
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
