"""Assignments are made on the site's own pages, for administrators too."""

import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils import WagtailTestUtils

from citylearn.assignments.models import Assignment
from tests.builders import people
from tests.builders.learning import make_course

pytestmark = pytest.mark.django_db


class TestAssigningAsAnAdministrator(WagtailTestUtils):
    def test_the_admin_no_longer_offers_a_list_of_every_account(self, client):
        client.force_login(self.create_superuser("admin"))

        assert client.get("/admin/assignment_admin/new/").status_code == 404
        assert "assignment_admin" not in client.get("/admin/").content.decode()

    def test_an_administrator_assigns_to_any_department_on_the_site(self, client):
        tree = people.district()
        people.staff("A1", tree["other_street"])
        admin = self.create_superuser("admin")
        client.force_login(admin)

        response = client.post(
            "/hr/assignments/new/",
            {
                "course": make_course(lessons=1).pk,
                "target": "department",
                "department": "S2",
                "due_on": (
                    timezone.localdate() + datetime.timedelta(days=9)
                ).isoformat(),
                "days_after_joining": "30",
            },
        )

        assert response.status_code == 302
        assignment = Assignment.objects.get()
        assert assignment.created_by == admin
        assert assignment.mandatory is False
        assert assignment.people.get().username == "A1"
