"""Courses and lessons, and what learners leave behind in them."""

import itertools

from citylearn.certificates.models import Certificate
from citylearn.certificates.services import issue_certificate
from citylearn.courses.enums import Audience
from citylearn.courses.models import CourseIndexPage, CoursePage, LessonPage
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.builders.pages import index
from tests.builders.people import make_user

_numbers = itertools.count(1)


def catalogue() -> CourseIndexPage:
    return index("course")


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
    for position in range(lessons + optional):
        make_lesson(course, required=position < lessons)
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


def make_completion(learner=None, **course_fields) -> CourseCompletion:
    learner = learner or make_user()
    course = make_course(lessons=1, **course_fields)
    complete_lesson(user=learner, lesson=lessons_of(course)[0])
    return CourseCompletion.objects.get(user=learner, course=course)


def make_certificate(learner=None, **course_fields) -> Certificate:
    return issue_certificate(completion=make_completion(learner, **course_fields))
