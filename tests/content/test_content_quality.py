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


def test_every_item_has_a_review_date_and_every_web_reference_an_access_date(tree):
    for source in tree.sources():
        if source.kind == "quiz":
            continue  # a question bank is reviewed with its course
        if source.kind == "risks":
            continue  # it states no facts: it points at explainers, each reviewed
        if source.kind == "glossary":
            assert all(term["last_reviewed"] for term in source.fields["terms"])
            continue
        if source.kind == "law":
            # A law file's review is the date its texts were checked against the source.
            checked = source.fields.get("checked_on")
            assert all(
                p.get("checked_on", checked) for p in source.fields["provisions"]
            )
            continue
        assert source.fields["last_reviewed"], source.path
        for reference in source.fields.get("references") or []:
            assert not reference["url"] or reference["accessed"], reference


def text_of(tree, relative):
    [source] = [s for s in tree.sources() if s.relative == relative]
    return source.path.read_text(encoding="utf-8")


def test_the_fact_check_corrections_stay_corrected(tree):
    # Issue 17: the notice says the opposite of what was quoted.
    yichang = text_of(tree, "cases/yichang-epidemic-grid.md")
    assert "“一般不针对特定地区的所有人群”" in yichang
    assert "一般针对特定地区" not in yichang
    # Two fires, in February and April 2011, four deaths.
    nyc = text_of(tree, "cases/nyc-analytics-office.md")
    assert "2011年2月和4月" in nyc and "共造成4人死亡" in nyc
    assert "5人死亡" not in nyc
    # The law sets no number of days: fifteen working days is the centre's promise.
    grid = text_of(tree, "register/grid-information-system.md")
    assert "承诺在十五个工作日内答复（这是本中心自己的服务承诺" in grid


def test_article_68_is_a_liability_rule_not_a_complaint_channel(tree):
    for source in tree.explainers:
        text = source.path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if "第六十八条）" in line:
                assert "责令改正" in line, f"{source.path}: {line}"
                assert "上级机关反映（" not in line, f"{source.path}: {line}"
