"""Starting a course and completing a lesson say so where the learner lands, in focus."""

import re

import pytest

from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user

pytestmark = pytest.mark.django_db

CONFIRMATION = re.compile(
    r'<div class="confirmation" role="status" tabindex="-1" data-focus-on-load>(.*?)</div>',
    re.S,
)


def confirmation(response) -> str:
    found = CONFIRMATION.search(response.content.decode())
    assert found, "no confirmation on the page"
    return found.group(1)


def test_starting_a_course_is_confirmed_on_the_first_lesson(client):
    course = make_course(lessons=2, title="大数据思维入门")
    client.force_login(make_user())

    response = client.post(f"/my/courses/{course.pk}/start/", follow=True)

    assert response.redirect_chain[-1][0] == lessons_of(course)[0].url
    assert "大数据思维入门" in confirmation(response)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_completing_a_lesson_is_confirmed_on_the_next_one(client):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    client.force_login(make_user())

    response = client.post(f"/my/lessons/{first.pk}/complete/", follow=True)

    assert response.redirect_chain[-1][0] == second.url
    assert first.title in confirmation(response)


def test_completing_the_last_lesson_is_confirmed_on_the_course(client):
    course = make_course(lessons=1)
    lesson = lessons_of(course)[0]
    client.force_login(make_user())

    response = client.post(f"/my/lessons/{lesson.pk}/complete/", follow=True)

    assert response.redirect_chain[-1][0] == course.url
    assert lesson.title in confirmation(response)


def test_a_confirmation_is_shown_once(client):
    course = make_course(lessons=2)
    first, second = lessons_of(course)
    client.force_login(make_user())
    client.post(f"/my/lessons/{first.pk}/complete/", follow=True)

    again = client.get(second.url).content.decode()

    assert "data-focus-on-load" not in again


def test_a_public_course_read_anonymously_never_reads_the_session(client):
    course = make_course(lessons=1, audience="public")

    response = client.get(lessons_of(course)[0].url)

    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
