import pytest
from wagtail.test.utils import WagtailTestUtils

from citylearn.assignments.models import Assignment
from tests.courses.factories import make_course, make_learner

pytestmark = pytest.mark.django_db


class TestAssigningInTheAdmin(WagtailTestUtils):
    def test_an_administrator_assigns_a_course_to_named_people(self, client):
        course = make_course(lessons=1)
        people = [make_learner(), make_learner()]
        admin = self.create_superuser("admin")
        client.force_login(admin)

        response = client.post(
            "/admin/assignment_admin/new/",
            {
                "course": course.pk,
                "due_on": "2026-12-31",
                "people": [person.pk for person in people],
            },
        )

        assert response.status_code == 302
        assignment = Assignment.objects.get()
        assert assignment.course == course
        assert assignment.created_by == admin
        assert set(assignment.people.all()) == set(people)

    def test_a_due_date_is_required(self, client):
        client.force_login(self.create_superuser("admin"))

        response = client.post(
            "/admin/assignment_admin/new/",
            {"course": make_course(lessons=1).pk, "due_on": ""},
        )

        assert response.status_code == 200
        assert not Assignment.objects.exists()
