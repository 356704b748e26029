"""Files that cannot be read, leave the content folder or are too large (issue 12)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images import get_image_model

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import ImportFailed, import_content
from citylearn.content_import.tasks import import_content_task
from citylearn.courses.models import LessonPage
from citylearn.explainers.models import ExplainerPage
from citylearn.quizzes.models import Quiz
from citylearn.register.models import RegisterEntryPage
from tests.content_tree import write

pytestmark = pytest.mark.django_db

REGISTER = "register/grid-system.md"


def problems_of(report, relative):
    return [(p.line, p.message) for p in report.problems if p.path.endswith(relative)]


def png_bytes() -> bytes:
    png = io.BytesIO()
    PILImage.new("RGB", (2, 2), "navy").save(png, format="PNG")
    return png.getvalue()


def edit_in_the_admin(page):
    page.summary = "编辑在后台改过的摘要。"
    page.save_revision().publish()


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"---\ntitle: [unclosed\n---\n", (2, "invalid YAML")),
        ("---\ntitle: 网格\n---\n".encode("gb18030"), (1, "the file is not UTF-8")),
        (b"", (1, "the file is empty")),
    ],
    ids=["broken YAML", "not UTF-8", "empty"],
)
def test_a_source_that_cannot_be_read_leaves_its_page_as_it_is(
    content_root, content, problem
):
    import_content(content_root)
    edit_in_the_admin(RegisterEntryPage.objects.get())
    revision = RegisterEntryPage.objects.get().latest_revision_id
    (content_root / REGISTER).write_bytes(content)

    dry_run = import_content(content_root, dry_run=True)
    report = import_content(content_root)

    assert dry_run.unpublished == report.unpublished == []
    [(line, message)] = problems_of(report, REGISTER)
    assert (line, message[: len(problem[1])]) == problem
    entry = RegisterEntryPage.objects.get()
    assert entry.live
    assert entry.latest_revision_id == revision


def test_dry_run_lists_what_would_be_unpublished(content_root):
    import_content(content_root)
    (content_root / REGISTER).unlink()

    report = import_content(content_root, dry_run=True)

    assert report.unpublished == [
        f"{REGISTER}: source removed, page would be unpublished"
    ]
    assert RegisterEntryPage.objects.get().live


def test_a_folder_that_is_not_a_content_folder_unpublishes_nothing(
    content_root, tmp_path
):
    import_content(content_root)
    (tmp_path / "empty").mkdir()

    report = import_content(tmp_path / "empty")

    assert [p.message for p in report.problems] == [
        "not a content folder: it has none of courses, cases, explainers, register, letters, "
        "selfchecks, about, shared, laws, glossary.yaml"
    ]
    assert report.unpublished == []
    assert RegisterEntryPage.objects.get().live


def test_a_broken_course_reports_its_lessons_and_quiz(content_root):
    write(content_root, "courses/data-basics/course.md", "---\ntitle: [数据\n---\n")

    report = import_content(content_root)

    waiting = (1, "not imported: the course's course.md has errors")
    for relative in ("01-quality.md", "02-sharing.md", "quiz.yaml"):
        assert waiting in problems_of(report, f"courses/data-basics/{relative}")
    assert not LessonPage.objects.exists()
    assert not Quiz.objects.exists()


def test_a_course_without_course_md_reports_its_lessons_and_quiz(content_root):
    import_content(content_root)
    (content_root / "courses/data-basics/course.md").unlink()

    report = import_content(content_root)

    waiting = (1, "not imported: the course folder has no usable course.md")
    for relative in ("01-quality.md", "02-sharing.md", "quiz.yaml"):
        assert problems_of(report, f"courses/data-basics/{relative}") == [waiting]
    assert report.unpublished == [
        "courses/data-basics/course.md: source removed, page unpublished"
    ]
    assert LessonPage.objects.filter(live=True).count() == 2


def test_a_broken_explainer_is_reported_once_with_the_files_waiting_on_it(
    content_root,
):
    explainer = "explainers/right-to-deletion.md"
    write(content_root, explainer, "---\ntitle: [删除权\n---\n")

    report = import_content(content_root)

    assert problems_of(report, explainer) == [
        (
            1,
            "files that depend on this one wait until it is fixed: "
            "cases/command-centre.md, courses/data-basics/01-quality.md, "
            "courses/data-basics/02-sharing.md, register/grid-system.md",
        ),
        (2, "invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ]
    assert [p for p in report.problems if not p.path.endswith(explainer)] == []
    assert not CaseStudyPage.objects.exists()
    assert not LessonPage.objects.exists()
    assert not RegisterEntryPage.objects.exists()


def test_links_to_a_broken_explainer_already_on_the_site_do_not_wait(content_root):
    import_content(content_root)
    write(content_root, "explainers/right-to-deletion.md", "---\ntitle: [删除权\n---\n")
    write(
        content_root,
        "cases/second.md",
        (content_root / "cases/command-centre.md").read_text(),
    )

    report = import_content(content_root)

    assert len(problems_of(report, "explainers/right-to-deletion.md")) == 1
    assert CaseStudyPage.objects.filter(slug="second").exists()


def test_a_symlinked_source_is_refused(content_root, tmp_path):
    outside = write(
        tmp_path, "elsewhere/secret.md", (content_root / REGISTER).read_text()
    )
    (content_root / "register/secret.md").symlink_to(outside)

    report = import_content(content_root)

    assert problems_of(report, "register/secret.md") == [
        (
            1,
            "is a symbolic link: content files must be real files in the content folder",
        )
    ]
    assert not RegisterEntryPage.objects.filter(slug="secret").exists()


def test_a_symlinked_folder_is_refused(content_root, tmp_path):
    write(tmp_path, "elsewhere/secret.md", (content_root / REGISTER).read_text())
    (content_root / "courses/elsewhere").symlink_to(tmp_path / "elsewhere")

    report = import_content(content_root)

    assert problems_of(report, "courses/elsewhere") == [
        (
            1,
            "is a symbolic link: content files must be real files in the content folder",
        )
    ]


@pytest.mark.parametrize(
    ("src", "problem"),
    [
        (
            "../secret.png",
            "is outside the content folder: give a path relative to it, without '..'",
        ),
        (
            "{outside}",
            "is outside the content folder: give a path relative to it, without '..'",
        ),
        (
            "images/link.png",
            "is a symbolic link: content files must be real files in the content folder",
        ),
    ],
    ids=["dot-dot", "absolute", "symlink"],
)
def test_an_image_from_outside_the_content_folder_is_refused(
    content_root, src, problem
):
    outside = content_root.parent / "secret.png"
    outside.write_bytes(png_bytes())
    (content_root / "images").mkdir()
    (content_root / "images/link.png").symlink_to(outside)
    src = src.format(outside=outside)
    with (content_root / "cases/command-centre.md").open("a") as case:
        case.write(f"\n![图]({src})\n")

    report = import_content(content_root)

    assert problems_of(report, "cases/command-centre.md") == [
        (20, f"image file '{src}' {problem}")
    ]
    assert not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("relative", "problem"),
    [
        ("explainers/long.md", "is larger than 256 KB, the limit for a Markdown file"),
        (
            "courses/data-basics/quiz.yaml",
            "is larger than 512 KB, the limit for a YAML file",
        ),
    ],
    ids=["Markdown", "quiz YAML"],
)
def test_a_source_over_its_size_limit_is_refused(content_root, relative, problem):
    path = content_root / relative
    text = (content_root / "explainers/right-to-deletion.md").read_text()
    if relative.endswith(".yaml"):
        text = path.read_text()
    limit = int(problem.split()[3]) * 1024
    path.write_text(text + "\n#" + "长" * (limit // 3))

    report = import_content(content_root)

    assert problems_of(report, relative) == [(1, problem)]
    assert relative not in report.created


def test_an_image_over_its_size_limit_is_refused(content_root):
    (content_root / "images").mkdir()
    (content_root / "images/huge.png").write_bytes(png_bytes() + bytes(5 * 1024 * 1024))
    with (content_root / "cases/command-centre.md").open("a") as case:
        case.write("\n![图](images/huge.png)\n")

    report = import_content(content_root)

    assert problems_of(report, "cases/command-centre.md") == [
        (20, "image file 'images/huge.png' is larger than 5 MB, the limit for an image")
    ]


def test_an_image_with_too_many_pixels_is_refused(content_root):
    (content_root / "images").mkdir()
    PILImage.new("1", (8000, 6000)).save(content_root / "images/vast.png")
    with (content_root / "cases/command-centre.md").open("a") as case:
        case.write("\n![图](images/vast.png)\n")

    report = import_content(content_root)

    assert problems_of(report, "cases/command-centre.md") == [
        (
            20,
            "image file 'images/vast.png' is 8000×6000 pixels, "
            "more than the limit of 40 million pixels",
        )
    ]
    assert not get_image_model().objects.exists()


def conflict(content_root):
    import_content(content_root)
    edit_in_the_admin(ExplainerPage.objects.get())
    path = content_root / "explainers/right-to-deletion.md"
    path.write_text(path.read_text().replace("正文说明", "新的正文说明"))


def test_a_skipped_conflict_fails_the_command(content_root, capsys):
    conflict(content_root)

    with pytest.raises(CommandError, match="0 errors and 1 conflicts"):
        call_command("import_content", str(content_root))

    assert "right-to-deletion.md: changed in the admin" in capsys.readouterr().out


def test_a_skipped_conflict_fails_the_task(content_root):
    conflict(content_root)

    result = import_content_task.apply(args=[str(content_root)], throw=False)

    assert result.state == "FAILURE"
    assert isinstance(result.result, ImportFailed)
    assert "right-to-deletion.md: changed in the admin" in str(result.result)


@pytest.mark.parametrize(
    ("relative", "expected"),
    [("cases/notes.txt", ".md"), ("laws/pipl.md", ".yaml")],
)
def test_a_file_of_the_wrong_kind_in_a_content_folder_is_named(
    content_root, relative, expected
):
    (content_root / relative).parent.mkdir(exist_ok=True)
    (content_root / relative).write_text("随手记下的笔记", encoding="utf-8")

    report = import_content(content_root, dry_run=True)

    assert problems_of(report, relative) == [(1, f"unknown file: expected {expected}")]
