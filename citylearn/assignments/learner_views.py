"""The learner's own side of an assignment: saying why it is late."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from citylearn.access.permissions import signed_in_required
from citylearn.assignments import services
from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.forms import LateReasonForm
from citylearn.assignments.selectors import assignments_of


@require_http_methods(["GET", "POST"])
@signed_in_required
def late_reason(request, assigned_id: int):
    """Give or update the reason for an overdue assignment; only its own person may."""
    today = timezone.localdate()
    assigned = get_object_or_404(
        assignments_of(user=request.user, today=today).select_related("late_reason"),
        pk=assigned_id,
    )
    given = getattr(assigned, "late_reason", None)
    initial = {}
    if given is not None:
        initial = {
            "kind": given.kind,
            "text": given.text,
            "committed_on": given.committed_on,
        }
    form = LateReasonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_late_reason(
                assigned=assigned,
                user=request.user,
                today=today,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Thank you. Your training officer can now see your reason."),
            )
            return redirect("my_assignments:late_reason", assigned_id=assigned.pk)
    return render(
        request,
        "assignments/late_reason.html",
        {
            "assigned": assigned,
            "form": form,
            "overdue": assigned.status == AssignmentStatus.OVERDUE,
            "given": given,
        },
    )
