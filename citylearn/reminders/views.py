from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
)

from citylearn.access.permissions import roster_manager_required, write_scope
from citylearn.organisation.models import Department
from citylearn.reminders.selectors import troubled_deliveries
from citylearn.reminders.services import mark_read, overdue_in, remind_department

DELIVERIES_PER_PAGE = 50


@require_POST
@login_required
def read_notice(request, reminder_id: int):
    """Mark one of the person's own notices read and go back to My learning."""
    if not mark_read(user=request.user, reminder_id=reminder_id):
        raise Http404
    return redirect("progress:my_learning")


@require_http_methods(["GET", "POST"])
@roster_manager_required
def remind(request, code: str):
    """Confirm, then remind everyone overdue in a department of the officer's scope."""
    department = (
        Department.objects.filter(code=code).first() if "\x00" not in code else None
    )
    if department is None or not write_scope(request.user).contains(department):
        raise Http404
    today = timezone.localdate()
    if request.method == "POST":
        claimed = remind_department(department=department, by=request.user, today=today)
        messages.success(
            request,
            ngettext("%(count)d reminder sent.", "%(count)d reminders sent.", claimed)
            % {"count": claimed},
        )
        query = urlencode({"department": department.code})
        return redirect(f"{reverse('reports:dashboard')}?{query}")
    behind = overdue_in(department, today=today)
    return render(
        request,
        "reminders/remind.html",
        {
            "department": department,
            "people": behind.values("user_id").distinct().count(),
            "rows": behind.count(),
        },
    )


@require_GET
@roster_manager_required
def deliveries(request):
    """Reminders that could not be sent, or whose sending is unknown, in scope."""
    page = Paginator(
        troubled_deliveries(scope=write_scope(request.user)), DELIVERIES_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(request, "reminders/deliveries.html", {"page_obj": page})
