"""Builders for learning tests: a catalogue, courses and lessons, learners with Chinese names."""

import itertools

from django.contrib.auth import get_user_model

from citylearn.courses.enums import Audience
from citylearn.courses.models import CourseIndexPage, CoursePage, LessonPage
from tests.quizzes.factories import home_page

_numbers = itertools.count(1)


def make_learner(username: str | None = None, **fields):
    fields.setdefault("first_name", "晓明")
    fields.setdefault("last_name", "张")
    username = username or f"staff{next(_numbers)}"
    return get_user_model().objects.create_user(username=username, **fields)


def catalogue() -> CourseIndexPage:
    existing = CourseIndexPage.objects.first()
    if existing:
        return existing
    home = home_page()
    return home.add_child(instance=CourseIndexPage(title="课程学习", slug="learn"))


def make_course(
    lessons: int = 3, *, optional: int = 0, audience: str = Audience.STAFF, **fields
) -> CoursePage:
    """A published course with `lessons` required lessons, then `optional` optional ones."""
    number = next(_numbers)
    values = {
        "title": f"数据思维 {number}",
        "slug": f"course-{number}",
        "summary": "一门课。",
        "credit_hours": 2,
        "estimated_minutes": 60,
        "audience": audience,
        "body": "课程介绍。",
    }
    values.update(fields)
    course = catalogue().add_child(instance=CoursePage(**values))
    course.full_clean()
    course.save_revision().publish()
    for index in range(lessons + optional):
        make_lesson(course, required=index < lessons)
    return course


def make_lesson(course: CoursePage, *, required: bool = True, **fields) -> LessonPage:
    number = next(_numbers)
    values = {
        "title": f"第{number}课",
        "slug": f"lesson-{number}",
        "estimated_minutes": 10,
        "required": required,
        "body": f"## 小标题\n\n第{number}课的正文。",
        "references": [{"title": "数据安全法", "url": "https://example.org/dsl"}],
    }
    values.update(fields)
    lesson = course.add_child(instance=LessonPage(**values))
    lesson.full_clean()
    lesson.save_revision().publish()
    return lesson


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.child_of(course).live())
