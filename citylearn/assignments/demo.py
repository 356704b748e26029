"""The demo district's compulsory course, with some people done, some busy, some late."""

import datetime

from django.db import transaction
from django.utils import timezone

from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.assignments.services import assign_to_department
from citylearn.courses.models import CoursePage
from citylearn.organisation.demo import ROOT
from citylearn.organisation.models import Department
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import start_course

# content/courses/data-security: 数据安全与个人信息保护, required of every civil servant.
COMPULSORY_SLUG = "data-security"


@transaction.atomic
def assign_demo_courses(*, today: datetime.date | None = None) -> Assignment | None:
    """Assign the compulsory course to the whole demo district once; None without it."""
    today = today or timezone.localdate()
    course = CoursePage.objects.live().filter(slug=COMPULSORY_SLUG).first()
    district = Department.objects.filter(code=ROOT[0]).first()
    if course is None or district is None:
        return None
    existing = Assignment.objects.filter(
        course=course, department=district, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    assignment = assign_to_department(
        course=course,
        department=district,
        due_on=today + datetime.timedelta(days=45),
        by=None,
        today=today,
    )
    _demo_progress(assignment, today)
    return assignment


def _demo_progress(assignment: Assignment, today: datetime.date) -> None:
    """Every third person done, every fifth busy, and a few earlier joiners overdue."""
    rows = list(
        assignment.assigned_people.select_related("user").order_by(
            "user__staff_profile__employee_id"
        )
    )
    course = assignment.course
    late_joiners = rows[1::17]
    for row in late_joiners:
        row.due_on = today - datetime.timedelta(days=10)
    AssignedPerson.objects.bulk_update(late_joiners, ["due_on"])
    completions = []
    for index, row in enumerate(rows):
        if index % 3 == 0 or (row in late_joiners and index % 2 == 0):
            day = today - datetime.timedelta(days=index % 20)
            completions.append(
                CourseCompletion(
                    user=row.user,
                    course=course,
                    completed_at=timezone.now() - datetime.timedelta(days=index % 20),
                    completed_on=day,
                    year=day.year,
                    credit_hours=course.credit_hours,
                )
            )
        elif index % 5 == 0:
            start_course(user=row.user, course=course)
    CourseCompletion.objects.bulk_create(completions, ignore_conflicts=True)
