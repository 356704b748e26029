import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from citylearn.access.permissions import (
    Scope,
    can_view_person,
    people_reader_required,
    roster_manager_required,
    signed_in_required,
    write_scope,
)
from citylearn.audit.enums import AuditAction
from citylearn.audit.services import record
from citylearn.organisation.models import Department, StaffProfile
from citylearn.practice.selectors import practice_answer_counts
from citylearn.quizzes.provision_statistics import (
    exam_answer_counts,
    provision_statistics,
)
from citylearn.reports.charts import bar_chart, percent_columns
from citylearn.reports.records import training_record
from citylearn.reports.selection import dashboard_selection
from citylearn.reports.selectors import (
    AssignmentFilter,
    level_figures,
    overdue_people,
    pace,
    people_behind,
    people_figures,
    snapshot_level,
    trend,
)

PEOPLE_PER_PAGE = 25
LATE_REASONS_SHOWN = 20
FIGURES_SECONDS = 300
DEPARTMENT_ORDER = {
    "rate": lambda figures: (figures.completion_rate, figures.department.path),
    "overdue": lambda figures: (-figures.overdue, figures.department.path),
}

# Which articles staff misread counts their exam and their daily-practice answers.
PROVISION_ANSWER_SOURCES = (exam_answer_counts, practice_answer_counts)


@require_GET
@people_reader_required
def dashboard(request):
    """The tree in the viewer's scope, one level at a time, then its people."""
    today = timezone.localdate()
    selection = dashboard_selection(request.user, request.GET)
    form, node, subtrees = selection.form, selection.node, selection.subtrees
    assignments = selection.assignments
    data = form.cleaned_data if form.is_valid() else {}
    level, behind, computed_at = _figures(
        node, selection.tops, subtrees, today, assignments
    )
    if data.get("sort") in DEPARTMENT_ORDER:
        level.children.sort(key=DEPARTMENT_ORDER[data["sort"]])

    page = Paginator(selection.people(today), PEOPLE_PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    people_figures(page_obj.object_list, today=today, assignments=assignments)

    late = overdue_people(departments=subtrees, today=today).filter(
        assignments.q(), late_reason__isnull=False
    )
    late_reasons = _with_extension_rights(
        list(late[:LATE_REASONS_SHOWN]), write_scope(request.user)
    )

    rows = [level.total, *level.children]
    paces = [(figures.department, pace(figures, today)) for figures in rows]
    points = trend(departments=subtrees, today=today)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "today": today,
            "node": node,
            "ancestors": _ancestors_in_scope(node, selection.scope),
            "level": level,
            "paces": paces,
            "behind": behind,
            "computed_at": computed_at,
            "page_obj": page_obj,
            "late_reasons": late_reasons,
            "late_count": late.count() if late_reasons else 0,
            "query": _query_without(request, "page"),
            "tree_query": _query_without(request, "page", "department"),
            "trend": points,
            "rate_chart": bar_chart(
                [
                    (f.department.name, f.completion_rate, f"{f.completion_rate}%")
                    for f in level.children
                ],
                maximum=100,
            ),
            "pace_chart": _pace_chart(paces[0][1]),
            "trend_chart": percent_columns(
                [
                    (date_format(point.date, "m-d"), point.completion_rate)
                    for point in points
                ]
            ),
        },
    )


def _figures(node, tops, subtrees, today, assignments):
    """The roll-up and the people furthest behind, kept a few minutes in the cache.

    They read every assignment row of the subtree: an officer going back and forth
    between levels, or several officers of one district, share one computation.
    Unfiltered, both are today's last snapshot, if it still fits the tree.
    """
    described = repr((today, [d.pk for d in subtrees], node is None, assignments))
    key = "reports:figures:" + hashlib.sha256(described.encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        snapshot = None
        if assignments == AssignmentFilter():
            snapshot = snapshot_level(node=node, tops=tops, today=today)
        if snapshot is None:
            cached = (
                level_figures(
                    node=node, tops=tops, today=today, assignments=assignments
                ),
                list(people_behind(departments=subtrees, today=today)),
                timezone.localtime(),
            )
        else:
            cached = (
                snapshot.level,
                snapshot.behind,
                timezone.localtime(snapshot.refreshed_at),
            )
        cache.set(key, cached, FIGURES_SECONDS)
    return cached


def _with_extension_rights(rows, scope):
    """Mark the rows whose due date this officer may extend, without a query each.

    An assignment is changed only by an officer of everyone it covers: its whole
    subtree, or for named people (checked again on the extension page) the person.
    """
    for row in rows:
        covered = row.assignment.department or row.user.staff_profile.department
        row.can_extend = bool(scope) and scope.contains(covered)
    return rows


def _pace_chart(overall):
    return bar_chart(
        [
            (_("Earned so far"), overall.earned, f"{overall.earned}"),
            (_("Expected by today"), overall.expected, f"{overall.expected}"),
            (_("Projected for the year"), overall.projected, f"{overall.projected}"),
            (_("Target for the year"), overall.target, f"{overall.target}"),
        ]
    )


def _ancestors_in_scope(node, scope) -> list[Department]:
    if node is None:
        return []
    return [ancestor for ancestor in node.get_ancestors() if scope.contains(ancestor)]


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@require_GET
@signed_in_required
def person_record(request, employee_id: str):
    """A person's training record: their own, or someone's in the viewer's scope."""
    # PostgreSQL refuses a NUL in a query; no employee id contains one.
    if "\x00" in employee_id:
        raise Http404
    profile = (
        StaffProfile.objects.select_related("department", "user")
        .filter(employee_id=employee_id)
        .first()
    )
    own = profile is not None and profile.user_id == request.user.pk
    if profile is None or not (own or can_view_person(request.user, profile)):
        raise Http404
    if not own:
        record(
            action=AuditAction.PERSON_VIEWED,
            request=request,
            target_user=profile.user,
            detail={"page": "training record"},
        )
    training = training_record(
        user=profile.user, profile=profile, today=timezone.localdate()
    )
    return render(
        request,
        "reports/record.html",
        {
            "person": profile,
            "own": own,
            "record": training,
            "assignments": _with_extension_rights(
                list(training.assignments),
                Scope() if own else write_scope(request.user),
            ),
        },
    )


@require_GET
@roster_manager_required
def provision_figures(request):
    """Which articles staff answer wrongly, in the officer's subtrees (k-anonymous)."""
    scope = write_scope(request.user)
    tops = Department.objects.filter(scope.q("path")).order_by("path")
    chosen = request.GET.get("department", "")
    top = tops.filter(pk=chosen).first() if chosen.isdigit() else None
    if top is None:
        top = tops.first()
    if top is None:
        raise Http404
    return render(
        request,
        "reports/provisions.html",
        {
            "figures": provision_statistics(
                scope=scope, top=top, sources=PROVISION_ANSWER_SOURCES
            )
        },
    )
