"""Every item says when it was last reviewed, and every web reference when it was read."""

import datetime

import pytest
from django.utils import timezone

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import GlossaryTerm
from citylearn.quizzes.models import SelfCheckPage
from citylearn.register.models import RegisterEntryPage

pytestmark = pytest.mark.django_db

REVIEWED = "last_reviewed: 2026-11-30\n"
CASE = "cases/command-centre.md"


def problems_of(report, relative):
    return [(p.line, p.message) for p in report.problems if p.path.endswith(relative)]


def replace_in(root, relative, old, new):
    path = root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def line_of(root, relative, text):
    lines = (root / relative).read_text().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


@pytest.mark.parametrize(
    ("relative", "model"),
    [
        ("courses/data-basics/course.md", CoursePage),
        (CASE, CaseStudyPage),
        ("register/grid-system.md", RegisterEntryPage),
        ("selfchecks/rights-check.yaml", SelfCheckPage),
    ],
)
def test_an_item_without_a_review_date_is_not_imported(content_root, relative, model):
    replace_in(content_root, relative, REVIEWED, "")
    report = import_content(content_root)
    assert problems_of(report, relative) == [
        (1, "missing required key 'last_reviewed'")
    ]
    assert not model.objects.exists()


def test_a_lesson_without_a_review_date_is_reported_on_its_file(content_root):
    relative = "courses/data-basics/02-sharing.md"
    replace_in(content_root, relative, REVIEWED, "")
    report = import_content(content_root)
    assert problems_of(report, relative) == [
        (1, "missing required key 'last_reviewed'")
    ]
    assert list(LessonPage.objects.values_list("slug", flat=True)) == ["quality"]


def test_a_glossary_term_without_a_review_date_is_reported_on_its_line(
    content_root,
):
    replace_in(content_root, "glossary.yaml", "  " + REVIEWED, "")
    report = import_content(content_root)
    assert problems_of(report, "glossary.yaml") == [
        (1, "missing required key 'last_reviewed'")
    ]
    assert not GlossaryTerm.objects.exists()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2026-1-5", "must be a date written YYYY-MM-DD"),
        ("下周", "must be a date written YYYY-MM-DD"),
        ("2026-11-30 10:00:00", "must be a date written YYYY-MM-DD"),
        ("[2026-11-30]", "must be a date written YYYY-MM-DD"),
        ("2999-01-01", "must not be in the future"),
    ],
)
def test_a_review_date_that_is_not_a_date_is_an_error_on_its_line(
    content_root, written, message
):
    replace_in(content_root, CASE, REVIEWED, f"last_reviewed: {written}\n")
    report = import_content(content_root)
    line = line_of(content_root, CASE, "last_reviewed:")
    assert problems_of(report, CASE) == [(line, f"'last_reviewed' {message}")]
    assert not CaseStudyPage.objects.exists()


def test_a_date_that_does_not_exist_is_an_error_not_a_crash(content_root):
    replace_in(content_root, CASE, REVIEWED, "last_reviewed: 2026-02-30\n")
    report = import_content(content_root)
    [(line, message)] = problems_of(report, CASE)
    assert line == line_of(content_root, CASE, "last_reviewed:")
    assert "'2026-02-30' is not a real date" in message
    assert not CaseStudyPage.objects.exists()
    assert LessonPage.objects.count() == 2


def test_a_reference_with_a_url_needs_the_date_it_was_read(content_root):
    replace_in(content_root, CASE, "    accessed: 2026-11-30\n", "")
    report = import_content(content_root)
    line = line_of(content_root, CASE, "- title: 参考")
    assert problems_of(report, CASE) == [
        (
            line,
            "'references' item 1 has a url but no 'accessed' date (YYYY-MM-DD)",
        )
    ]
    assert not CaseStudyPage.objects.exists()


def test_the_second_reference_is_reported_on_its_own_line(content_root):
    replace_in(
        content_root,
        CASE,
        "    accessed: 2026-11-30\n",
        "    accessed: 2026-11-30\n  - title: 第二篇\n    url: https://example.org/2\n",
    )
    report = import_content(content_root)
    line = line_of(content_root, CASE, "- title: 第二篇")
    assert problems_of(report, CASE) == [
        (
            line,
            "'references' item 2 has a url but no 'accessed' date (YYYY-MM-DD)",
        )
    ]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("昨天", "must be a date written YYYY-MM-DD"),
        ("2999-01-01", "must not be in the future"),
    ],
)
def test_an_access_date_that_is_not_a_past_date_is_an_error(
    content_root, written, message
):
    replace_in(
        content_root, CASE, "    accessed: 2026-11-30\n", f"    accessed: {written}\n"
    )
    report = import_content(content_root)
    line = line_of(content_root, CASE, "- title: 参考")
    assert problems_of(report, CASE) == [
        (line, f"'references' item 1 has an 'accessed' date that {message}")
    ]


def test_a_printed_source_needs_no_access_date(content_root):
    # 02-sharing.md cites the law by title only.
    assert import_content(content_root).problems == []
    lesson = LessonPage.objects.get(slug="sharing")
    assert lesson.references == [{"title": "数据安全法", "url": "", "accessed": ""}]


def test_the_dates_are_stored_on_every_kind(content_root):
    assert import_content(content_root).problems == []
    reviewed = datetime.date(2026, 11, 30)
    for model in (CoursePage, LessonPage, CaseStudyPage, RegisterEntryPage):
        assert set(model.objects.values_list("last_reviewed", flat=True)) == {reviewed}
    assert SelfCheckPage.objects.get().last_reviewed == reviewed
    assert GlossaryTerm.objects.get().last_reviewed == reviewed
    case = CaseStudyPage.objects.get()
    assert case.references == [
        {"title": "参考", "url": "https://example.org/", "accessed": "2026-11-30"}
    ]


def test_a_new_review_date_updates_the_page(content_root):
    assert import_content(content_root).problems == []
    today = timezone.localdate()
    replace_in(content_root, CASE, REVIEWED, f"last_reviewed: {today:%Y-%m-%d}\n")
    report = import_content(content_root)
    assert report.updated == [CASE]
    assert CaseStudyPage.objects.get().last_reviewed == today


def test_the_pages_show_both_dates_in_the_readers_language(client, content_root):
    assert import_content(content_root).problems == []
    case = CaseStudyPage.objects.get()

    html = client.get(case.url).content.decode()
    assert "最近审核：2026年11月30日" in html
    assert "（访问于2026年11月30日）" in html

    english = client.get(f"/en{case.url}").content.decode()
    assert "Last reviewed: Nov. 30, 2026" in english
    assert "(accessed Nov. 30, 2026)" in english

    glossary = client.get("/glossary/").content.decode()
    assert "最近审核：2026年11月30日" in glossary
    self_check = client.get(SelfCheckPage.objects.get().url).content.decode()
    assert "最近审核：2026年11月30日" in self_check
    register = client.get(RegisterEntryPage.objects.get().url).content.decode()
    assert "最近审核：2026年11月30日" in register


def test_a_reference_without_a_url_shows_no_access_date(client, content_root):
    replace_in(
        content_root,
        CASE,
        "  - title: 参考\n    url: https://example.org/\n    accessed: 2026-11-30\n",
        "  - title: 一本书\n    accessed: 2026-11-29\n",
    )
    assert import_content(content_root).problems == []
    html = client.get(CaseStudyPage.objects.get().url).content.decode()
    assert "一本书" in html
    assert "访问于" not in html
