import pytest
from django.utils import timezone

from citylearn.assignments.demo import COMPULSORY_SLUG, assign_demo_courses
from citylearn.assignments.enums import AssignmentStatus
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.core.demo import create_demo_accounts
from citylearn.organisation.models import StaffProfile
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


def test_the_demo_assigns_the_compulsory_course_to_the_whole_district_once():
    make_course(lessons=1, slug=COMPULSORY_SLUG, title="数据安全与个人信息保护")

    create_demo_accounts()
    create_demo_accounts()

    assignment = Assignment.objects.get()
    assert assignment.department.code == "QX"
    staff = StaffProfile.objects.active().count()
    assert assignment.assigned_people.count() == staff
    statuses = set(
        AssignedPerson.objects.with_status(timezone.localdate()).values_list(
            "status", flat=True
        )
    )
    assert {
        AssignmentStatus.COMPLETED_ON_TIME,
        AssignmentStatus.IN_PROGRESS,
        AssignmentStatus.OVERDUE,
        AssignmentStatus.NOT_STARTED,
    } <= statuses


def test_without_the_course_the_demo_assigns_nothing():
    assert assign_demo_courses() is None
