"""A lesson says where it stands in its course and links both ways."""

import re

import pytest
from django.urls import reverse

from tests.builders.learning import lessons_of, make_course, make_lesson
from tests.builders.people import make_user
from tests.builders.quizzes import make_quiz

pytestmark = pytest.mark.django_db


def links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a rel="{rel}" href="([^"]+)"', html)


@pytest.fixture
def learner(client):
    client.force_login(make_user())
    return client


def test_a_lesson_says_lesson_n_of_m(learner):
    course = make_course(lessons=3)
    second = lessons_of(course)[1]

    html = learner.get(second.url).content.decode()

    assert "第 2 课，共 3 课" in html
    assert html.index("lesson-position") < html.index("<h1")


def test_every_lesson_has_a_previous_and_a_next_link(learner):
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)

    pages = {
        lesson: learner.get(lesson.url).content.decode()
        for lesson in lessons_of(course)
    }

    assert links(pages[first], "prev") == [course.url]
    assert links(pages[first], "next") == [second.url]
    assert links(pages[second], "prev") == [first.url]
    assert links(pages[second], "next") == [third.url]
    assert links(pages[third], "prev") == [second.url]
    assert links(pages[third], "next") == [course.url]


def test_the_last_lesson_leads_to_the_final_quiz(learner):
    course = make_course(lessons=2)
    make_quiz(course=course)

    html = learner.get(lessons_of(course)[-1].url).content.decode()

    assert links(html, "next") == [
        reverse("quizzes:quiz", kwargs={"course": course.slug})
    ]


def test_an_unpublished_lesson_is_not_counted(learner):
    course = make_course(lessons=3)
    first, second, third = lessons_of(course)
    second.unpublish()

    html = learner.get(third.url).content.decode()

    assert "第 2 课，共 2 课" in html
    assert links(html, "prev") == [first.url]


def test_an_exercise_is_a_section_with_its_own_heading(learner):
    course = make_course(lessons=0)

    lesson = make_lesson(
        course, body='## 小结\n\n正文。\n\n!!! exercise "试一试"\n    写下三种解释。\n'
    )

    html = learner.get(lesson.url).content.decode()

    assert '<div class="body prose" lang="zh-Hans">' in html
    assert re.search(
        r'<div class="admonition exercise">\s*<h2 class="admonition-title" id="[^"]+">试一试</h2>',
        html,
    )
