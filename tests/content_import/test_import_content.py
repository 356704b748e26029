import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import import_content
from citylearn.content_import.tasks import import_content_task
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import ExplainerPage, GlossaryTerm
from citylearn.quizzes.enums import AnswersShown
from citylearn.quizzes.models import Question, Quiz, SelfCheckPage
from citylearn.register.models import RegisterEntryPage
from tests.content_tree import write

pytestmark = pytest.mark.django_db


def test_a_valid_tree_imports_every_kind(content_root):
    report = import_content(content_root)

    assert report.problems == []
    assert len(report.created) == 10
    course = CoursePage.objects.get(slug="data-basics")
    assert course.live and course.credit_hours == 1.5
    lessons = LessonPage.objects.child_of(course)
    assert [lesson.slug for lesson in lessons] == ["quality", "sharing"]
    assert 'href="/rights/right-to-deletion/"' in lessons[0].body_html
    assert 'href="/learn/data-basics/quality/"' in lessons[1].body_html
    assert CaseStudyPage.objects.get().related_explainers == ["right-to-deletion"]
    assert [p.key for p in ExplainerPage.objects.get().provisions.all()] == ["pipl-47"]
    assert RegisterEntryPage.objects.get().explainer == "right-to-deletion"
    assert GlossaryTerm.objects.get().slug == "personal-information"
    quiz = Quiz.objects.get(course=course)
    assert (quiz.draw, quiz.pass_mark) == (2, 50)
    true_false = Question.objects.get(bank=quiz.bank, key="q02")
    assert [c.is_correct for c in true_false.choices.all()] == [False, True]
    assert SelfCheckPage.objects.get().bank.questions.count() == 1


def test_reimporting_unchanged_sources_creates_no_revision(content_root):
    import_content(content_root)
    revisions = Revision.objects.count()

    report = import_content(content_root)

    assert Revision.objects.count() == revisions
    assert report.created == report.updated == []
    assert len(report.unchanged) == 10


def test_a_changed_file_creates_exactly_one_revision(content_root):
    import_content(content_root)
    case = CaseStudyPage.objects.get()
    before_case = case.revisions.count()
    before_all = Revision.objects.count()
    path = content_root / "cases/command-centre.md"
    path.write_text(path.read_text().replace("某市运营中心", "某市运营指挥中心"))

    report = import_content(content_root)

    assert report.updated == ["cases/command-centre.md"]
    assert case.revisions.count() == before_case + 1
    assert Revision.objects.count() == before_all + 1
    assert CaseStudyPage.objects.get().title == "某市运营指挥中心"


def test_a_removed_source_unpublishes_its_page_and_says_so(content_root):
    import_content(content_root)
    (content_root / "register/grid-system.md").unlink()

    report = import_content(content_root)

    entry = RegisterEntryPage.objects.get()
    assert not entry.live
    assert report.unpublished == [
        "register/grid-system.md: source removed, page unpublished"
    ]


def test_an_editors_later_change_is_not_overwritten_without_force(content_root):
    import_content(content_root)
    explainer = ExplainerPage.objects.get()
    explainer.summary = "编辑在后台改过的摘要。"
    explainer.save_revision().publish()
    path = content_root / "explainers/right-to-deletion.md"
    path.write_text(path.read_text().replace("正文说明", "新的正文说明"))

    report = import_content(content_root)

    assert len(report.conflicts) == 1
    assert "right-to-deletion.md: changed in the admin" in report.conflicts[0]
    assert ExplainerPage.objects.get().summary == "编辑在后台改过的摘要。"

    report = import_content(content_root, force=True)

    assert report.conflicts == []
    assert ExplainerPage.objects.get().summary == "你可以要求删除不该留的信息。"


def test_dry_run_writes_nothing(content_root):
    pages = Page.objects.count()
    report = import_content(content_root, dry_run=True)
    assert report.problems == []
    assert Page.objects.count() == pages


def test_images_become_wagtail_images_with_alt_text(content_root):
    png = io.BytesIO()
    PILImage.new("RGB", (4, 3), "navy").save(png, format="PNG")
    (content_root / "images").mkdir()
    (content_root / "images/flow.png").write_bytes(png.getvalue())
    path = content_root / "cases/command-centre.md"
    path.write_text(path.read_text() + "\n![数据流向示意图](images/flow.png)\n")

    import_content(content_root)
    import_content(content_root)

    image = get_image_model().objects.get()
    assert image.title == "content/images/flow.png"
    html = CaseStudyPage.objects.get().body_html
    assert f'<img alt="数据流向示意图" src="{image.file.url}">' in html


def test_the_command_exits_non_zero_on_errors_and_reports_path_and_line(
    content_root, capsys
):
    write(content_root, "cases/broken.md", "---\ntitle: [unclosed\n---\n")
    with pytest.raises(CommandError):
        call_command("import_content", str(content_root))
    assert f"{content_root}/cases/broken.md:2: invalid YAML" in capsys.readouterr().err
    assert CaseStudyPage.objects.filter(slug="command-centre").exists()


def test_the_command_succeeds_quietly_on_a_valid_tree(content_root, capsys):
    call_command("import_content", str(content_root))
    assert "10 created" in capsys.readouterr().out


def test_the_task_imports_and_reports(content_root):
    result = import_content_task.delay(str(content_root)).get()
    assert "10 created" in result["summary"]


def test_the_projects_own_content_imports_without_errors(settings):
    report = import_content(settings.CONTENT_DIR)
    assert [str(problem) for problem in report.problems] == []
    assert report.conflicts == []
    assert ExplainerPage.objects.live().count() >= 12


EXAM_RULES = """\
quiz:
  title: 结业考试
  draw: 1
  tags: [法律]
  also_draw:
    - tag: 共享
      count: 1
  pass_mark: 50
  opens_at: 2026-12-15 09:00
  closes_at: 2026-12-15T11:00:00+08:00
questions:
  - id: q01
    type: true_false
    tags: [法律]
    stem: 数据安全法于2021年9月1日起施行。
    answer: true
    explanation: 数据安全法第五十五条。
  - id: q02
    type: true_false
    tags: [共享]
    stem: 政务数据以共享为原则。
    answer: true
    explanation: 政务信息资源共享管理暂行办法第五条。
  - id: q03
    type: true_false
    stem: 匿名化后的信息仍是个人信息。
    answer: false
    explanation: 个人信息保护法第四条。
"""


def test_a_quiz_file_sets_tags_further_draws_and_an_exam_window(content_root):
    write(content_root, "courses/data-basics/quiz.yaml", EXAM_RULES)
    report = import_content(content_root)

    assert report.problems == []
    quiz = Quiz.objects.get()
    assert quiz.tags == ["法律"]
    assert [(d.bank, d.tag, d.count) for d in quiz.extra_draws.all()] == [
        (quiz.bank, "共享", 1)
    ]
    beijing = datetime.timezone(datetime.timedelta(hours=8))
    assert quiz.opens_at == datetime.datetime(2026, 12, 15, 9, tzinfo=beijing)
    assert quiz.closes_at == datetime.datetime(2026, 12, 15, 11, tzinfo=beijing)

    write(
        content_root,
        "courses/data-basics/quiz.yaml",
        EXAM_RULES.replace("  also_draw:\n    - tag: 共享\n      count: 1\n", ""),
    )
    import_content(content_root)
    assert not Quiz.objects.get().extra_draws.exists()


PRACTICE_RULES = EXAM_RULES.replace("  opens_at: 2026-12-15 09:00\n", "").replace(
    "  closes_at: 2026-12-15T11:00:00+08:00\n", ""
)


def test_an_exam_keeps_its_answers_until_the_last_attempt_unless_told(content_root):
    write(content_root, "courses/data-basics/quiz.yaml", EXAM_RULES)
    import_content(content_root)
    assert Quiz.objects.get().answers_shown == AnswersShown.AFTER_LAST_ATTEMPT

    write(content_root, "courses/data-basics/quiz.yaml", PRACTICE_RULES)
    import_content(content_root)
    assert Quiz.objects.get().answers_shown == AnswersShown.AFTER_EACH_ATTEMPT

    told = EXAM_RULES.replace(
        "  pass_mark: 50\n", "  pass_mark: 50\n  answers_shown: never\n"
    )
    write(content_root, "courses/data-basics/quiz.yaml", told)
    import_content(content_root)
    assert Quiz.objects.get().answers_shown == AnswersShown.NEVER


def test_answers_after_closing_without_a_closing_time_is_an_error(content_root):
    rules = PRACTICE_RULES.replace(
        "  pass_mark: 50\n", "  pass_mark: 50\n  answers_shown: after-closing\n"
    )
    write(content_root, "courses/data-basics/quiz.yaml", rules)
    report = import_content(content_root)
    assert [
        str(problem) for problem in report.problems if "answers_shown" in str(problem)
    ]
    assert not Quiz.objects.exists()
