"""The project's own content/: complete, referenced, linked and free of placeholders."""

import re
from collections import Counter

import pytest
from django.conf import settings

from citylearn.content_import.validation import read_tree, validate_tree

PLACEHOLDERS = re.compile(
    r"lorem|ipsum|示例课程|TODO|TBD|待补充|待完善|XXX|占位", re.IGNORECASE
)


@pytest.fixture(scope="module")
def tree():
    tree = read_tree(settings.CONTENT_DIR)
    validate_tree(tree, existing_slugs={})
    return tree


def test_content_has_no_errors(tree):
    assert [str(problem) for problem in tree.all_problems()] == []


def test_there_is_enough_of_each_kind(tree):
    assert len(tree.courses) >= 4
    assert len(tree.cases) >= 10
    assert len(tree.explainers) >= 12
    assert len(tree.register) >= 5
    assert len(tree.glossary.fields["terms"]) >= 40
    [self_check] = tree.selfchecks
    assert len(self_check.fields["questions"]) >= 10


def test_each_course_has_five_to_eight_lessons_and_a_quiz(tree):
    lessons = Counter(lesson.parent_slug for lesson in tree.lessons)
    quizzes = {quiz.parent_slug: quiz for quiz in tree.quizzes}
    for course in tree.courses:
        assert 5 <= lessons[course.slug] <= 8, course.slug
        assert len(quizzes[course.slug].fields["questions"]) >= 20, course.slug


def test_lessons_are_800_to_2000_characters(tree):
    for lesson in tree.lessons:
        assert 800 <= len(lesson.body.strip()) <= 2000, lesson.path


def test_lessons_cases_and_explainers_cite_references(tree):
    for source in tree.lessons + tree.cases + tree.explainers:
        assert source.fields["references"], source.path


def test_every_question_has_a_correct_answer_and_an_explanation(tree):
    for source in tree.quizzes + tree.selfchecks:
        for question in source.fields["questions"]:
            assert any(choice["correct"] for choice in question["choices"]), question[
                "id"
            ]
            assert len(question["explanation"]) >= 10, question["id"]


def test_case_studies_have_the_five_sections(tree):
    for case in tree.cases:
        headings = re.findall(r"^## (.+)$", case.body, flags=re.MULTILINE)
        assert headings == ["问题", "数据", "做法", "成效", "经验与教训"], case.path


def test_register_entries_are_marked_as_examples(tree):
    for entry in tree.register:
        assert entry.fields["is_example"] is True, entry.path


def test_no_placeholder_text(tree):
    for source in tree.sources():
        text = source.path.read_text(encoding="utf-8")
        assert not PLACEHOLDERS.search(text), (
            f"{source.path}: {PLACEHOLDERS.search(text)}"
        )


def test_the_site_has_its_about_privacy_accessibility_and_contact_pages(tree):
    about = {source.slug: source for source in tree.about}
    assert set(about) >= {"about", "privacy", "accessibility", "contact"}
    assert about["privacy"].fields["facts"] == ["contact", "retention"]
    assert "contact" in about["contact"].fields["facts"]
    assert "WCAG 2.1 AA" in about["accessibility"].body
    for right in ("第四十五条", "第四十六条", "第四十七条", "第五十条", "第六十五条"):
        assert right in about["privacy"].body
