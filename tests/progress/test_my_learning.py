import datetime
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from citylearn.assignments.services import assign_to_people
from citylearn.certificates.services import issue_certificate
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db

URL = "/my/learning/"


def build_learning(learner, courses: int, lessons: int):
    """`courses` each of assigned, in progress and completed (with a certificate)."""
    today = timezone.localdate()
    with mock.patch(
        "citylearn.certificates.services.render_certificate_pdf", return_value=b"%PDF"
    ):
        for index in range(courses):
            assigned = make_course(lessons=lessons)
            assign_to_people(
                course=assigned,
                people=[learner],
                due_on=today + datetime.timedelta(days=index),
                by=None,
            )
            started = make_course(lessons=lessons)
            complete_lesson(user=learner, lesson=lessons_of(started)[0])
            done = make_course(lessons=lessons)
            for lesson in lessons_of(done):
                complete_lesson(user=learner, lesson=lesson)
            issue_certificate(completion=CourseCompletion.objects.get(course=done))


def count_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries)


def test_my_learning_shows_assigned_in_progress_completed_hours_and_certificates(
    client, settings
):
    settings.ANNUAL_CREDIT_HOURS_TARGET = "8"
    learner = make_user()
    build_learning(learner, courses=1, lessons=2)
    client.force_login(learner)

    html = client.get(f"/en{URL}").content.decode()

    assert '<span class="status status-not_started">Not started</span>' in html
    assert "1 of 2 required lessons completed" in html
    assert "2 of 8 hours earned" in html
    assert '<progress id="hours-progress" value="25" max="100"' in html
    assert "/certificates/" in html and "/pdf/" in html


def test_my_learning_is_a_fixed_small_number_of_queries(client):
    small, large = make_user(), make_user()
    build_learning(small, courses=1, lessons=2)
    build_learning(large, courses=6, lessons=5)

    client.force_login(small)
    count_queries(client)  # the site's root paths are cached after the first page
    small_count = count_queries(client)
    client.force_login(large)
    large_count = count_queries(client)

    assert small_count == large_count
    # The page needs 10 (its notices, reasons for being late and practice streak among
    # them); the signed-in navigation adds its look-ups of roles and scopes.
    assert large_count <= 12


def test_my_learning_needs_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
