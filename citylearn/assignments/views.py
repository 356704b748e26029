"""The officers' assignment pages: heads read them, officers in scope change them."""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from citylearn.access.permissions import (
    people_reader_required,
    read_scope,
    roster_manager_required,
    write_scope,
)
from citylearn.assignments import services
from citylearn.assignments.enums import AssignmentTarget
from citylearn.assignments.forms import (
    AssignmentForm,
    CreditTargetForm,
    ExtendForm,
    WithdrawForm,
)
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.assignments.selectors import (
    assignments_visible_to,
    may_change,
    people_of,
)
from citylearn.organisation.models import StaffProfile
from citylearn.organisation.selectors import departments_in, find_staff
from citylearn.organisation.services import set_credit_hours_target

PER_PAGE = 50
SEARCH_LIMIT = 20


def _visible(request, pk: int) -> Assignment:
    today = timezone.localdate()
    return get_object_or_404(assignments_visible_to(request.user, today=today), pk=pk)


def _changeable(request, pk: int) -> Assignment:
    """The assignment if the officer manages everyone in it; 404 if they cannot see it."""
    assignment = _visible(request, pk)
    if not may_change(request.user, assignment):
        raise PermissionDenied
    return assignment


def _refuse_withdrawn(request, assignment: Assignment):
    """Back to the assignment, saying why, instead of a form that can only fail."""
    messages.error(
        request, _("This assignment has been withdrawn and can no longer be changed.")
    )
    return redirect("assignments:detail", pk=assignment.pk)


@require_GET
@people_reader_required
def assignment_list(request):
    assignments = assignments_visible_to(
        request.user, today=timezone.localdate()
    ).order_by(F("withdrawn_at").asc(nulls_first=True), "-created_at", "-pk")
    return render(
        request,
        "assignments/list.html",
        {
            "page_obj": Paginator(assignments, PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "can_assign": bool(write_scope(request.user)),
        },
    )


@require_http_methods(["GET", "POST"])
@roster_manager_required
def create_assignment(request):
    scope = write_scope(request.user)
    staff = StaffProfile.objects.active().filter(scope.q())
    options = {"departments": departments_in(scope), "staff": staff}
    chosen = list(
        staff.filter(user_id__in=_ids(request.POST.getlist("people"))).select_related(
            "department"
        )
    )
    results: list[StaffProfile] = []
    searched = request.method == "POST" and "search" in request.POST
    if searched:
        # A search keeps what was typed but is not a submission: no errors yet.
        form = AssignmentForm(initial=_typed(request.POST), **options)
        found = find_staff(scope, request.POST.get("q", ""), limit=SEARCH_LIMIT + 1)
        already = {profile.pk for profile in chosen}
        results = [profile for profile in found if profile.pk not in already]
    else:
        form = AssignmentForm(request.POST or None, **options)
    if request.method == "POST" and not searched and form.is_valid():
        assignment = _assign(request, form)
        if assignment is not None:
            messages.success(request, _("The course has been assigned."))
            return redirect("assignments:detail", pk=assignment.pk)
    return render(
        request,
        "assignments/create.html",
        {
            "form": form,
            "chosen": chosen,
            "results": results[:SEARCH_LIMIT],
            "more_results": len(results) > SEARCH_LIMIT,
            "searched": searched,
            "query": request.POST.get("q", ""),
            "limit": SEARCH_LIMIT,
        },
    )


def _ids(values: list[str]) -> list[int]:
    # Forged values must not reach int(): it refuses "²", which isdigit() accepts,
    # and more than 4,300 digits. No database id is longer than 18 digits.
    return [int(value) for value in values if value.isdecimal() and len(value) <= 18]


def _typed(data) -> dict:
    typed = {key: data.get(key) for key in data if key not in ("people", "search")}
    typed["mandatory"] = bool(data.get("mandatory"))
    return typed


def _assign(request, form: AssignmentForm) -> Assignment | None:
    data = form.cleaned_data
    try:
        if data["target"] == AssignmentTarget.DEPARTMENT:
            return services.assign_to_department(
                course=data["course"],
                department=data["department"],
                due_on=data["due_on"],
                mandatory=data["mandatory"],
                days_after_joining=data["days_after_joining"],
                by=request.user,
                request=request,
            )
        return services.assign_to_people(
            course=data["course"],
            people=[profile.user for profile in data["people"]],
            due_on=data["due_on"],
            mandatory=data["mandatory"],
            by=request.user,
            request=request,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None


@require_GET
@people_reader_required
def assignment_detail(request, pk: int):
    assignment = _visible(request, pk)
    today = timezone.localdate()
    people = people_of(assignment, user=request.user, today=today)
    in_scope = read_scope(request.user).q("person__staff_profile__department__path")
    history = (
        assignment.changes.filter(Q(person__isnull=True) | in_scope)
        .select_related("person__staff_profile", "changed_by__staff_profile")
        .order_by("-changed_at", "-pk")
    )
    return render(
        request,
        "assignments/detail.html",
        {
            "assignment": assignment,
            "page_obj": Paginator(people, PER_PAGE).get_page(request.GET.get("page")),
            "history": history,
            "can_change": assignment.withdrawn_at is None
            and may_change(request.user, assignment),
        },
    )


@require_http_methods(["GET", "POST"])
@roster_manager_required
def extend(request, pk: int):
    assignment = _changeable(request, pk)
    if assignment.withdrawn_at is not None:
        return _refuse_withdrawn(request, assignment)
    return _extension_page(request, assignment, None, services.extend_assignment)


@require_http_methods(["GET", "POST"])
@roster_manager_required
def extend_person(request, pk: int, user_id: int):
    assignment = _changeable(request, pk)
    if assignment.withdrawn_at is not None:
        return _refuse_withdrawn(request, assignment)
    row = get_object_or_404(
        AssignedPerson.objects.select_related("user__staff_profile", "late_reason"),
        assignment=assignment,
        user_id=user_id,
        released_on__isnull=True,
    )
    late = getattr(row, "late_reason", None)
    initial = {}
    if late is not None:
        # The officer usually grants what the person committed to.
        initial = {"new_due_on": late.committed_on}
    return _extension_page(
        request,
        assignment,
        row,
        partial(services.extend_for_person, user=row.user),
        initial=initial,
    )


def _extension_page(request, assignment, person, extend, initial=None):
    """The extension form for everyone (person None) or one person, and its POST."""
    form = ExtendForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            extend(
                assignment=assignment,
                new_due_on=form.cleaned_data["new_due_on"],
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error("new_due_on", error)
        else:
            messages.success(request, _("The due date has been extended."))
            return redirect("assignments:detail", pk=assignment.pk)
    return render(
        request,
        "assignments/extend.html",
        {"assignment": assignment, "form": form, "person": person},
    )


@require_http_methods(["GET", "POST"])
@roster_manager_required
def withdraw(request, pk: int):
    assignment = _changeable(request, pk)
    if assignment.withdrawn_at is not None:
        return redirect("assignments:detail", pk=assignment.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_assignment(
                assignment=assignment,
                reason=form.cleaned_data["reason"],
                by=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assignment has been withdrawn."))
            return redirect("assignments:detail", pk=assignment.pk)
    return render(
        request, "assignments/withdraw.html", {"assignment": assignment, "form": form}
    )


@require_http_methods(["GET", "POST"])
@roster_manager_required
def credit_targets(request):
    departments = departments_in(write_scope(request.user))
    form = CreditTargetForm(request.POST or None, departments=departments)
    if request.method == "POST" and form.is_valid():
        department = form.cleaned_data["department"]
        try:
            set_credit_hours_target(
                department=department,
                target=form.cleaned_data["target"],
                actor=request.user,
                request=request,
            )
        except ValidationError as error:
            form.add_error("target", error)
        else:
            messages.success(
                request,
                _("The target of %(name)s has been saved.") % {"name": department.name},
            )
            return redirect("assignments:targets")
    return render(
        request,
        "assignments/targets.html",
        {
            "form": form,
            "departments": departments.filter(credit_hours_target__isnull=False),
            "default": settings.ANNUAL_CREDIT_HOURS_TARGET,
        },
    )
