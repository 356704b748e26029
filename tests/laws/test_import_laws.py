"""content/laws/ becomes provisions; pages and questions cite them by key."""

import pytest

from citylearn.content_import.services import import_content
from citylearn.courses.models import LessonPage
from citylearn.explainers.models import ExplainerPage
from citylearn.laws.models import Law, Provision, ProvisionChange
from citylearn.laws.signals import provision_amended
from citylearn.quizzes.models import Question
from citylearn.register.models import RegisterEntryPage
from tests.content_tree import PIPL_FILE, write

pytestmark = pytest.mark.django_db

CITING_LESSON = """\
    ---
    title: 数据质量
    estimated_minutes: 10
    provisions: [pipl-47]
    references:
      - title: 数据安全法
    last_reviewed: 2026-11-30
    ---
    查阅复制见[第四十五条](provision:pipl-45)。
    """


def messages(report):
    return [str(problem) for problem in report.problems]


def test_a_law_file_creates_its_law_and_provisions(content_root):
    report = import_content(content_root)

    assert messages(report) == []
    law = Law.objects.get(key="pipl")
    assert (law.title, law.official_url) == (
        "个人信息保护法",
        "https://www.npc.gov.cn/pipl.html",
    )
    provision = Provision.objects.get(key="pipl-45")
    assert provision.law == law
    assert str(provision) == "个人信息保护法第四十五条"
    assert provision.number == 45
    assert provision.is_excerpt is True
    assert provision.version == "2021年8月20日通过"  # from the law's defaults
    assert provision.effective_from.isoformat() == "2021-11-01"
    assert provision.checked_on.isoformat() == "2026-12-01"
    assert not ProvisionChange.objects.exists()


def test_the_projects_own_laws_import_and_cover_what_content_cites(settings):
    report = import_content(settings.CONTENT_DIR)

    assert messages(report) == []
    assert Provision.objects.filter(law__key="pipl").count() >= 40
    portability = ExplainerPage.objects.get(slug="right-to-portability")
    assert {p.key for p in portability.provisions.all()} >= {"pipl-45", "ndsr-25"}
    log_rule = Provision.objects.get(key="csl-23")
    assert "网络日志不少于六个月" in log_rule.text
    assert log_rule.effective_from.isoformat() == "2026-01-01"


def test_citations_come_from_front_matter_and_body_links(content_root):
    write(content_root, "courses/data-basics/01-quality.md", CITING_LESSON)

    report = import_content(content_root)

    assert messages(report) == []
    lesson = LessonPage.objects.get(slug="quality")
    assert [p.key for p in lesson.provisions.all()] == ["pipl-45", "pipl-47"]
    assert 'href="/laws/pipl-45/"' in lesson.body_html
    explainer = ExplainerPage.objects.get()
    assert [p.key for p in explainer.provisions.all()] == ["pipl-47"]
    # The register entry cites nothing: an empty box is not shown.
    assert not RegisterEntryPage.objects.get().provisions.exists()


def test_questions_cite_by_list_and_by_link(content_root):
    quiz = (content_root / "courses/data-basics/quiz.yaml").read_text()
    quiz = quiz.replace(
        "    explanation: 数据安全法第三条。",
        "    explanation: 数据安全法第三条。\n    provisions: [pipl-47]",
    ).replace(
        "    explanation: 个人信息保护法第四条。",
        "    explanation: 见[第四十五条](provision:pipl-45)。",
    )
    write(content_root, "courses/data-basics/quiz.yaml", quiz)

    report = import_content(content_root)

    assert messages(report) == []
    course_questions = Question.objects.filter(bank__slug="course-data-basics")
    cited = {q.key: [p.key for p in q.provisions.all()] for q in course_questions}
    assert cited == {"q01": ["pipl-47"], "q02": ["pipl-45"]}


@pytest.mark.parametrize(
    ("relative", "old", "new", "line"),
    [
        (
            "explainers/right-to-deletion.md",
            "provisions: [pipl-47]",
            "provisions: [pipl-47, pipl-99]",
            6,
        ),
        (
            "courses/data-basics/02-sharing.md",
            "共享的规则。",
            "共享的规则,见[第九十九条](provision:pipl-99)。",
            8,
        ),
        (
            "courses/data-basics/quiz.yaml",
            "    explanation: 数据安全法第三条。",
            "    explanation: 数据安全法第三条。\n    provisions:\n      - pipl-99",
            15,
        ),
    ],
)
def test_an_unknown_provision_is_an_error_with_file_and_line(
    content_root, relative, old, new, line
):
    path = content_root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))

    report = import_content(content_root)

    wrong = [p for p in report.problems if "pipl-99" in p.message]
    assert [(p.path, p.line) for p in wrong] == [(str(path), line)]


def test_reimporting_an_unchanged_law_file_changes_nothing(content_root):
    import_content(content_root)
    before = list(Provision.objects.values())

    report = import_content(content_root)

    assert "laws/pipl.yaml" in report.unchanged
    assert list(Provision.objects.values()) == before
    assert not ProvisionChange.objects.exists()


def test_an_amended_text_in_the_file_is_one_change_and_one_signal(
    content_root, django_capture_on_commit_callbacks
):
    import_content(content_root)
    heard = []

    def receiver(sender, change, **kwargs):
        heard.append(change)

    provision_amended.connect(receiver, dispatch_uid="test-import-heard")
    amended = PIPL_FILE.replace(
        "text: 个人有权向个人信息处理者查阅、复制其个人信息。",
        "text: 个人有权查阅、复制其个人信息。\n        version: 2030年修正",
    )
    try:
        write(content_root, "laws/pipl.yaml", amended)
        with django_capture_on_commit_callbacks(execute=True):
            report = import_content(content_root)
        with django_capture_on_commit_callbacks(execute=True):
            import_content(content_root)  # and again: nothing more
    finally:
        provision_amended.disconnect(dispatch_uid="test-import-heard")

    assert messages(report) == []
    change = ProvisionChange.objects.get()
    assert change.provision.key == "pipl-45"
    assert change.old_text == "个人有权向个人信息处理者查阅、复制其个人信息。"
    assert change.new_text == "个人有权查阅、复制其个人信息。"
    assert (change.old_version, change.new_version) == (
        "2021年8月20日通过",
        "2030年修正",
    )
    assert change.changed_by is None
    assert heard == [change]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "official_url: https://www.npc.gov.cn/pipl.html",
            "official_url: https://example.org/pipl",
            "official site",
        ),
        ("article: 第四十五条", "article: 四十五", "第…条"),
        ("  - key: pipl-47", "  - key: pipl-45", "duplicate provision key"),
        ("checked_on: 2026-12-01\n", "", "'checked_on' is given neither here"),
    ],
)
def test_a_bad_law_file_is_reported_and_imports_nothing(
    content_root, old, new, message
):
    path = content_root / "laws/pipl.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))

    report = import_content(content_root)

    assert any(message in p.message and p.path == str(path) for p in report.problems)
    assert not Provision.objects.exists()
    # The explainer citing it waits for the law file instead of failing on its own.
    assert not ExplainerPage.objects.exists()
