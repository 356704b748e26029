import pytest
from django.contrib.messages import get_messages
from wagtail.test.utils import WagtailTestUtils

from citylearn.courses.models import CoursePage
from citylearn.progress.services import complete_lesson
from citylearn.progress.wagtail_hooks import KEEP_TRAINING_RECORDS
from tests.builders.learning import catalogue, lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db


class TestDeletingACompletedCourse(WagtailTestUtils):
    def test_is_refused_with_a_message(self, client):
        course, learner = make_course(lessons=1), make_user()
        complete_lesson(user=learner, lesson=lessons_of(course)[0])
        client.force_login(self.create_superuser("admin"))

        for index_or_course in (course, catalogue()):
            url = f"/admin/pages/{index_or_course.pk}/delete/"
            response = client.post(url)
            assert response.status_code == 302
            assert response["Location"].startswith("/admin/pages/")
            sent = [m.message for m in get_messages(response.wsgi_request)]
            assert KEEP_TRAINING_RECORDS in sent
        assert CoursePage.objects.filter(pk=course.pk).exists()

    def test_a_course_nobody_completed_can_be_deleted(self, client):
        course = make_course(lessons=1)
        client.force_login(self.create_superuser("admin"))

        response = client.post(f"/admin/pages/{course.pk}/delete/")

        assert response.status_code == 302
        assert not CoursePage.objects.filter(pk=course.pk).exists()
