import re

import pytest

from citylearn.courses.enums import Audience
from citylearn.progress.services import complete_lesson
from citylearn.quizzes.models import QuizDraw
from tests.builders.learning import catalogue, lessons_of, make_course, make_lesson
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz

pytestmark = pytest.mark.django_db


def assert_cacheable_for_everyone(response):
    assert response.status_code == 200
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def h1_count(response) -> int:
    return len(re.findall(r"<h1[ >]", response.content.decode()))


def test_the_catalogue_lists_courses_to_everyone_without_a_cookie(client):
    staff_course = make_course(title="数据安全")
    public_course = make_course(title="个人信息保护", audience=Audience.PUBLIC)

    response = client.get(f"/en{catalogue().url}")

    assert_cacheable_for_everyone(response)
    html = response.content.decode()
    assert staff_course.title in html and public_course.title in html
    assert html.count("Staff (sign-in needed)") == 1
    assert html.count("<dd>Everyone</dd>") == 1
    assert h1_count(response) == 1


def test_a_staff_course_sends_anonymous_visitors_to_sign_in(client):
    course = make_course(lessons=1)

    for page in (course, lessons_of(course)[0]):
        response = client.get(page.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


def test_a_public_course_is_read_by_citizens_without_tracking_or_cookies(client):
    course = make_course(lessons=2, audience=Audience.PUBLIC)
    lesson = lessons_of(course)[0]

    course_response = client.get(course.url)
    lesson_response = client.get(lesson.url)

    for response in (course_response, lesson_response):
        assert_cacheable_for_everyone(response)
        assert "csrfmiddlewaretoken" not in response.content.decode()
    assert lesson.title in course_response.content.decode()
    assert "第" in lesson_response.content.decode()


def test_a_signed_in_learner_sees_the_course_with_lessons_hours_and_quiz(client):
    course = make_course(lessons=2, optional=1, estimated_minutes=75)
    make_quiz(course=course, title="结业测验")
    learner = make_user()
    first = lessons_of(course)[0]
    complete_lesson(user=learner, lesson=first)
    client.force_login(learner)

    response = client.get(course.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert course.summary in html
    assert "75" in html
    assert "结业测验" in html
    assert re.search(rf'<li class="is-completed">\s*<a href="{first.url}"', html)
    assert '<progress id="lesson-progress" value="1" max="2"' in html
    assert f'href="{first.url}"' in html  # continue where I left off


def test_a_learner_who_has_not_started_gets_a_start_button(client):
    course = make_course(lessons=1)
    client.force_login(make_user())

    html = client.get(course.url).content.decode()

    assert f'action="/my/courses/{course.pk}/start/"' in html


def test_the_lesson_page_shows_body_reading_time_neighbours_and_the_form(client):
    course = make_course(lessons=3)
    first, middle, last = lessons_of(course)
    client.force_login(make_user())

    response = client.get(middle.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert h1_count(response) == 1
    assert '<h2 id="' in html and "的正文" in html  # the rendered Markdown body
    assert "10" in html
    assert f'rel="prev" href="{first.url}"' in html
    assert f'rel="next" href="{last.url}"' in html
    assert f'action="/my/lessons/{middle.pk}/complete/"' in html


def test_the_lesson_body_is_the_sanitised_html(client):
    course = make_course(lessons=0)
    lesson = make_lesson(course, body="<script>alert(1)</script>\n\n正文")
    client.force_login(make_user())

    html = client.get(lesson.url).content.decode()

    assert "<script>alert" not in html
    assert "正文" in html


def test_a_completed_lesson_says_so_instead_of_offering_the_form(client):
    course, learner = make_course(lessons=2), make_user()
    lesson = lessons_of(course)[0]
    complete_lesson(user=learner, lesson=lesson)
    client.force_login(learner)

    html = client.get(lesson.url).content.decode()

    assert f"/my/lessons/{lesson.pk}/complete/" not in html


def test_opening_a_lesson_is_where_an_enrolled_learner_continues(client):
    course, learner = make_course(lessons=3), make_user()
    first, second, __ = lessons_of(course)
    complete_lesson(user=learner, lesson=first)
    client.force_login(learner)

    client.get(second.url)

    html = client.get(course.url).content.decode()
    assert re.search(rf'class="button button-primary" href="{second.url}"', html)


def test_the_course_page_counts_every_question_an_attempt_draws(client):
    course = make_course(lessons=1)
    quiz = make_quiz(make_bank(4), course=course, draw=2)
    QuizDraw.objects.create(quiz=quiz, bank=make_bank(3), count=3)
    client.force_login(make_user())

    html = client.get(course.url).content.decode()

    assert "共 5 题" in html
