"""Lesson checkpoints and the course's completion rule in content/."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.courses.enums import CompletionRule
from citylearn.courses.models import CoursePage, LessonPage
from tests.content_import.test_import_errors import problems_of, replace_in

pytestmark = pytest.mark.django_db

LESSON = "courses/data-basics/01-quality.md"


def add_checkpoints(root, keys: str) -> None:
    replace_in(
        root, LESSON, "estimated_minutes: 10\n", f"estimated_minutes: 10\n{keys}"
    )


def test_checkpoints_and_the_rule_are_imported(content_root):
    replace_in(
        content_root,
        "courses/data-basics/course.md",
        "estimated_minutes: 40\n",
        "estimated_minutes: 40\ncompletion_rule: checkpoints-passed\n",
    )
    add_checkpoints(content_root, "checkpoints: [q01, q02]\n")

    report = import_content(content_root)

    assert report.problems == []
    course = CoursePage.objects.get(slug="data-basics")
    assert course.completion_rule == CompletionRule.CHECKPOINTS_PASSED
    assert LessonPage.objects.get(slug="quality").checkpoints == ["q01", "q02"]
    assert LessonPage.objects.get(slug="sharing").checkpoints == []


def test_an_unknown_checkpoint_key_is_an_error_on_its_line(content_root):
    add_checkpoints(content_root, "checkpoints:\n  - q01\n  - q99\n")

    report = import_content(content_root)

    assert (
        6,
        "checkpoint 'q99' is no question id in the course's quiz.yaml",
    ) in problems_of(report, LESSON)
    assert not LessonPage.objects.filter(slug="quality").exists()


def test_checkpoints_need_the_courses_quiz_file(content_root):
    (content_root / "courses/data-basics/quiz.yaml").unlink()
    add_checkpoints(content_root, "checkpoints: [q01]\n")
    report = import_content(content_root)
    assert (
        4,
        "'checkpoints' needs the course's quiz.yaml, which holds the questions",
    ) in problems_of(report, LESSON)


def test_an_unknown_completion_rule_is_refused(content_root):
    replace_in(
        content_root,
        "courses/data-basics/course.md",
        "estimated_minutes: 40\n",
        "estimated_minutes: 40\ncompletion_rule: vibes\n",
    )
    report = import_content(content_root)
    [(line, message)] = problems_of(report, "courses/data-basics/course.md")
    assert line == 6
    assert message.startswith("'completion_rule' must be one of: lessons-read")
