import datetime
from dataclasses import replace

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Page

from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import AssignedPerson, LateReason
from citylearn.audit.enums import AuditAction
from citylearn.audit.models import AuditEntry
from citylearn.content_import.services import import_content
from citylearn.courses.models import CourseIndexPage
from citylearn.organisation.models import Department, StaffProfile
from citylearn.progress.models import CourseCompletion
from citylearn.reports.models import DepartmentSnapshot
from citylearn.reports.seeding import SCALES, add_content_variants, seed_bench
from citylearn.reports.selectors import (
    counted_assignments,
    level_figures,
    overdue_people,
)
from citylearn.search.selectors import public_pages, search_public_content

pytestmark = pytest.mark.django_db


def summary():
    return (
        list(Department.objects.values_list("path", "code", "name")),
        list(
            StaffProfile.objects.values_list("employee_id", "name", "department__code")
        ),
        sorted(
            AssignedPerson.objects.values_list(
                "user__staff_profile__employee_id", "assignment__course__slug"
            )
        ),
        sorted(
            CourseCompletion.objects.values_list(
                "user__staff_profile__employee_id", "course__slug"
            )
        ),
    )


def test_the_small_scale_builds_a_consistent_district(capsys):
    call_command("seed_bench", "--scale", "small", "--seed", "7")

    scale = SCALES["small"]
    assert StaffProfile.objects.count() == scale.staff
    assert Department.objects.count() == 8
    assert Department.objects.order_by("-depth").first().depth == 4
    assert AssignedPerson.objects.count() == scale.staff * scale.assignments_per_person
    assert CourseCompletion.objects.exists()
    root = Department.objects.get(code="BENCH")
    # overdue_people asks its own way what with_status calls overdue.
    today = timezone.localdate()
    overdue = set(
        overdue_people(departments=[root], today=today).values_list("pk", flat=True)
    )
    assert overdue == set(
        counted_assignments()
        .with_status(today)
        .filter(status=AssignmentStatus.OVERDUE)
        .values_list("pk", flat=True)
    )
    # Some overdue people have said why, as the dashboard's list of reasons shows.
    reasons = set(LateReason.objects.values_list("assigned_id", flat=True))
    assert reasons and reasons <= overdue
    assert Department.find_problems() == ([], [], [], [], [])
    assert DepartmentSnapshot.objects.filter(department=root).count() == 10
    total = level_figures(
        node=root, tops=[], today=DepartmentSnapshot.objects.latest("date").date
    ).total
    assert total.people == scale.staff
    assert total.assigned == scale.staff * scale.assignments_per_person
    sign_ins = AuditEntry.objects.filter(action=AuditAction.SIGN_IN)
    assert sign_ins.count() == scale.staff * scale.sign_ins_per_person
    oldest = sign_ins.order_by("at").first().at
    assert timezone.now() - oldest <= datetime.timedelta(days=scale.audit_days)
    assert "Seeded the small scale" in capsys.readouterr().out


def test_a_second_run_is_refused_and_changes_nothing():
    call_command("seed_bench", "--scale", "small", "--seed", "7")
    first = summary()

    with pytest.raises(CommandError, match="already holds bench data"):
        call_command("seed_bench", "--scale", "small", "--seed", "7")

    assert summary() == first


def test_the_number_of_staff_can_be_chosen():
    call_command("seed_bench", "--scale", "small", "--staff", "12")

    assert StaffProfile.objects.count() == 12
    assert Department.objects.count() == 8
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_bench", "--scale", "small", "--staff", "0")


def variant_titles():
    return sorted(
        Page.objects.filter(slug__contains="-variant-").values_list("slug", "title")
    )


def test_content_variants_are_published_searchable_and_set_by_the_seed(content_root):
    import_content(content_root)
    originals = public_pages().count()

    added = add_content_variants(variants=2, seed=7)

    assert added > 0
    assert public_pages().count() == originals + added
    first = variant_titles()
    # Each variant is found by search, like the page it comes from.
    slug, title = first[0]
    outcome = search_public_content(title)
    assert slug in [
        hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in outcome.results[0:50]
    ]
    Page.objects.filter(slug__contains="-variant-").delete()
    add_content_variants(variants=2, seed=7)
    assert variant_titles() == first
    Page.objects.filter(slug__contains="-variant-").delete()
    add_content_variants(variants=2, seed=8)
    assert [s for s, __ in variant_titles()] == [s for s, __ in first]
    assert variant_titles() != first


def test_a_scale_with_content_imports_it_and_its_variants(content_root, settings):
    settings.CONTENT_DIR = content_root
    scale = replace(SCALES["small"], content_variants=1)

    counts = seed_bench(scale=scale, seed=7)

    assert counts["public_content_pages"] == public_pages().count()
    assert Page.objects.filter(slug__contains="-variant-1").exists()
    # The made-up courses join the catalogue content/ brought.
    assert CourseIndexPage.objects.count() == 1
    assert counts["courses"] == scale.courses
