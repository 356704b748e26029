import datetime

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from citylearn.assignments.models import AssignedPerson
from citylearn.assignments.services import assign_to_people
from citylearn.progress.models import CourseCompletion, Enrolment, LessonCompletion
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db


def test_starting_a_course_enrols_once_and_opens_the_first_lesson(client):
    course, learner = make_course(lessons=2), make_user()
    client.force_login(learner)

    first = client.post(f"/my/courses/{course.pk}/start/")
    again = client.post(f"/my/courses/{course.pk}/start/")

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == lessons_of(course)[0].url
    assert Enrolment.objects.filter(user=learner).count() == 1


def test_marking_a_lesson_completed_twice_records_it_once_and_moves_on(client):
    course, learner = make_course(lessons=2), make_user()
    first, second = lessons_of(course)
    client.force_login(learner)

    responses = [client.post(f"/my/lessons/{first.pk}/complete/") for __ in range(2)]

    assert [r["Location"] for r in responses] == [second.url, second.url]
    assert LessonCompletion.objects.filter(user=learner).count() == 1


def test_completing_the_last_lesson_returns_to_the_completed_course(client):
    course, learner = make_course(lessons=1), make_user()
    client.force_login(learner)

    response = client.post(f"/my/lessons/{lessons_of(course)[0].pk}/complete/")

    assert response["Location"] == course.url
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()


@pytest.mark.parametrize(
    "url", ["/my/learning/", "/my/courses/1/start/", "/my/lessons/1/complete/"]
)
def test_progress_pages_need_sign_in(client, url):
    response = client.post(url) if "learning" not in url else client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_progress_changes_only_by_post(client):
    course = make_course(lessons=1)
    client.force_login(make_user())

    assert (
        client.get(f"/my/lessons/{lessons_of(course)[0].pk}/complete/").status_code
        == 405
    )
    assert client.get(f"/my/courses/{course.pk}/start/").status_code == 405


def test_an_unknown_or_unpublished_lesson_is_not_found(client):
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    lesson.unpublish()
    client.force_login(make_user())

    assert client.post(f"/my/lessons/{lesson.pk}/complete/").status_code == 404
    assert client.post("/my/lessons/999999/complete/").status_code == 404
    assert client.post("/my/courses/999999/start/").status_code == 404
    assert not LessonCompletion.objects.exists()


def test_a_lesson_served_to_an_enrolled_learner_is_where_they_continue(client):
    course, learner = make_course(lessons=2), make_user()
    first, second = lessons_of(course)
    client.force_login(learner)
    client.post(f"/my/courses/{course.pk}/start/")

    assert client.get(second.url).status_code == 200

    assert Enrolment.objects.get(user=learner).last_lesson == second
    assert f'href="{second.url}"' in client.get(course.url).content.decode()


def test_a_lesson_refused_by_a_view_restriction_is_not_remembered(client):
    course, learner = make_course(lessons=2), make_user()
    __, second = lessons_of(course)
    client.force_login(learner)
    client.post(f"/my/courses/{course.pk}/start/")
    restriction = PageViewRestriction.objects.create(
        page=second, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Auditors"))

    assert client.get(second.url).status_code != 200

    assert Enrolment.objects.get(user=learner).last_lesson is None


def test_the_course_page_shows_the_learners_own_due_date(client):
    course, learner = make_course(lessons=1), make_user()
    assign_to_people(
        course=course, people=[learner], due_on=datetime.date(2030, 6, 30), by=None
    )
    AssignedPerson.objects.filter(user=learner).update(
        due_on=datetime.date(2030, 7, 31)
    )
    client.force_login(learner)

    assert "2030-07-31" in client.get(course.url).content.decode()
