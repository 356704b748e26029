"""One explanation written once, included in a citizen explainer and a staff lesson."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import ExplainerPage
from tests.content_tree import write

pytestmark = pytest.mark.django_db

SHARED = """\
    ---
    title: 查阅、复制权
    last_reviewed: 2026-12-01
    ---
    你有权查阅、复制你的个人信息。见[删除权](explainer:right-to-deletion)。
    """


def problems_of(report, relative):
    return [(p.line, p.message) for p in report.problems if p.path.endswith(relative)]


def include_in(root, relative, line, after="\n---\n"):
    path = root / relative
    text = path.read_text()
    head, __, body = text.partition(after)
    path.write_text(f"{head}{after}给市民的开场白。\n\n{line}\n\n结尾。\n{body}")


@pytest.fixture
def shared_root(content_root):
    write(content_root, "shared/access-right.md", SHARED)
    include_in(
        content_root,
        "explainers/right-to-deletion.md",
        "!!! include shared:access-right",
    )
    include_in(
        content_root,
        "courses/data-basics/01-quality.md",
        "!!! include shared:access-right",
    )
    return content_root


def test_the_shared_text_is_rendered_inside_each_page_with_its_own_framing(shared_root):
    report = import_content(shared_root)
    assert not report.problems, report.messages()
    explainer = ExplainerPage.objects.get(slug="right-to-deletion")
    lesson = LessonPage.objects.get(slug="quality")
    for page in (explainer, lesson):
        assert "你有权查阅、复制你的个人信息" in page.body_html
        assert 'href="/rights/right-to-deletion/"' in page.body_html
        assert "给市民的开场白" in page.body_html
        assert "include" not in page.body_html
    assert "城市大脑" in lesson.body_html  # the lesson's own text stays


def test_changing_the_shared_text_gives_each_including_page_one_new_revision(
    shared_root,
):
    import_content(shared_root)
    explainer = ExplainerPage.objects.get(slug="right-to-deletion")
    lesson = LessonPage.objects.get(slug="quality")
    before = {p.pk: p.revisions.count() for p in (explainer, lesson)}
    other = LessonPage.objects.get(slug="sharing")
    other_before = other.revisions.count()

    report = import_content(shared_root)
    assert not report.updated

    path = shared_root / "shared/access-right.md"
    path.write_text(path.read_text().replace("查阅、复制你的", "查阅和复制你的"))
    report = import_content(shared_root)
    assert sorted(report.updated) == [
        "courses/data-basics/01-quality.md",
        "explainers/right-to-deletion.md",
    ]
    for page in (explainer, lesson):
        page.refresh_from_db()
        assert page.revisions.count() == before[page.pk] + 1
        assert "查阅和复制你的" in page.body_html
    assert other.revisions.count() == other_before


def test_an_unknown_shared_text_is_an_error_with_file_and_line(content_root):
    include_in(
        content_root, "explainers/right-to-deletion.md", "!!! include shared:nowhere"
    )
    report = import_content(content_root)
    [(__, waiting), (line, message)] = problems_of(
        report, "explainers/right-to-deletion.md"
    )
    assert message == "include of an unknown shared text 'nowhere'"
    assert "01-quality.md" in waiting  # the lesson links to this explainer
    text = (content_root / "explainers/right-to-deletion.md").read_text()
    assert text.splitlines()[line - 1] == "!!! include shared:nowhere"
    assert not ExplainerPage.objects.filter(slug="right-to-deletion").exists()


@pytest.mark.parametrize(
    "line, message",
    [
        ("!!! include explainer:right-to-deletion", "must name 'shared:<slug>'"),
        ("!!! include", "must name 'shared:<slug>'"),
        ("    !!! include shared:access-right", "must start at the beginning"),
    ],
)
def test_a_malformed_include_is_an_error(content_root, line, message):
    write(content_root, "shared/access-right.md", SHARED)
    include_in(content_root, "courses/data-basics/01-quality.md", line)
    report = import_content(content_root)
    reported = problems_of(report, "courses/data-basics/01-quality.md")
    assert [text for __, text in reported if message in text]
    assert not LessonPage.objects.filter(slug="quality").exists()


def test_a_shared_text_includes_nothing_and_its_includers_wait(shared_root):
    write(
        shared_root,
        "shared/other.md",
        "---\ntitle: 别的\nlast_reviewed: 2026-12-01\n---\n正文。\n",
    )
    path = shared_root / "shared/access-right.md"
    path.write_text(path.read_text() + "\n!!! include shared:other\n")
    report = import_content(shared_root)
    problems = problems_of(report, "shared/access-right.md")
    assert (7, "a shared text cannot include another one") in problems
    assert any("wait until it is fixed" in message for __, message in problems)
    assert not ExplainerPage.objects.filter(slug="right-to-deletion").exists()
    assert not LessonPage.objects.filter(slug="quality").exists()
    assert CoursePage.objects.filter(slug="data-basics").exists()


def test_a_broken_link_in_a_shared_text_is_reported_on_the_shared_file(shared_root):
    path = shared_root / "shared/access-right.md"
    path.write_text(
        path.read_text().replace("explainer:right-to-deletion", "case:none")
    )
    report = import_content(shared_root)
    assert (5, "broken internal link: no case 'none'") in problems_of(
        report, "shared/access-right.md"
    )
    assert not problems_of(report, "courses/data-basics/01-quality.md")


def test_hostile_html_in_a_shared_text_is_sanitised(shared_root):
    path = shared_root / "shared/access-right.md"
    path.write_text(
        path.read_text() + "\n<script>alert(1)</script><img src=x onerror=alert(1)>\n"
    )
    import_content(shared_root)
    html = LessonPage.objects.get(slug="quality").body_html
    assert "<script" not in html and "onerror" not in html


def test_the_expanded_text_is_held_to_the_markdown_limit(shared_root):
    path = shared_root / "shared/access-right.md"
    path.write_text(
        path.read_text() + "很长的句子。" * 12_000
    )  # ~216 KB, under the file limit
    for relative in ("courses/data-basics/01-quality.md",):
        include_in(shared_root, relative, "!!! include shared:access-right")
    report = import_content(shared_root)
    assert [
        line
        for line, message in problems_of(report, "courses/data-basics/01-quality.md")
        if "larger than 256 KB" in message
    ] == [1]
    assert ExplainerPage.objects.filter(slug="right-to-deletion").exists()


def test_the_projects_right_of_access_is_written_once_for_both_audiences(settings):
    from pathlib import Path

    from citylearn.content_import.validation import read_tree, validate_tree

    tree = read_tree(Path(settings.PROJECT_DIR) / "content")
    validate_tree(tree, {})
    [shared] = [s for s in tree.shared if s.slug == "right-to-access-and-copy"]
    includers = [
        s.relative
        for s in tree.sources()
        if s.kind != "shared" and shared.body in s.body
    ]
    assert includers == [
        "courses/grid-governance/01-what-grid-workers-collect.md",
        "explainers/right-to-access-and-copy.md",
    ]
    assert not shared.problems


def test_a_provision_cited_in_a_shared_text_is_cited_by_each_includer_and_flags_it(
    shared_root, django_capture_on_commit_callbacks
):
    from citylearn.lawreview.models import ReviewItem

    path = shared_root / "shared/access-right.md"
    path.write_text(
        path.read_text().replace(
            "你有权查阅", "依据[第四十五条](provision:pipl-45)，你有权查阅"
        )
    )
    report = import_content(shared_root)
    assert not report.problems, report.messages()
    explainer = ExplainerPage.objects.get(slug="right-to-deletion")
    lesson = LessonPage.objects.get(slug="quality")
    for page in (explainer, lesson):
        assert "pipl-45" in {p.key for p in page.provisions.all()}

    laws = shared_root / "laws/pipl.yaml"
    laws.write_text(
        laws.read_text().replace(
            "查阅、复制其个人信息。", "查阅、复制其个人信息；法律另有规定的除外。"
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = import_content(shared_root)
    assert not report.problems, report.messages()
    assert {(r.content_type.model, r.object_id) for r in ReviewItem.objects.all()} >= {
        ("explainerpage", explainer.pk),
        ("lessonpage", lesson.pk),
    }
