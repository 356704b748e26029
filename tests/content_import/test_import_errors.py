"""Each kind of problem is reported as path:line, and only the broken file is skipped."""

import pytest
from django.contrib.auth import get_user_model
from PIL import Image as PILImage

from citylearn.cases.models import CaseStudyPage
from citylearn.content_import.services import import_content
from citylearn.courses.models import LessonPage
from citylearn.explainers.models import GlossaryTerm
from citylearn.quizzes.models import Quiz
from citylearn.quizzes.services import start_attempt
from tests.content_tree import write

pytestmark = pytest.mark.django_db


def problems_of(report, relative):
    return [(p.line, p.message) for p in report.problems if p.path.endswith(relative)]


def replace_in(root, relative, old, new):
    path = root / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_bad_yaml(content_root):
    replace_in(content_root, "cases/command-centre.md", "city: 杭州", "city: [杭州")
    report = import_content(content_root)
    [(line, message)] = problems_of(report, "cases/command-centre.md")
    assert message.startswith("invalid YAML")
    assert line in (5, 6)
    assert not CaseStudyPage.objects.exists()
    assert LessonPage.objects.count() == 2


def test_missing_key(content_root):
    replace_in(content_root, "cases/command-centre.md", "country: 中国\n", "")
    report = import_content(content_root)
    assert problems_of(report, "cases/command-centre.md") == [
        (1, "missing required key 'country'")
    ]
    assert not CaseStudyPage.objects.exists()


def test_unknown_key(content_root):
    replace_in(
        content_root,
        "cases/command-centre.md",
        "year: 2016\n",
        "year: 2016\nmayor: 某人\n",
    )
    report = import_content(content_root)
    assert problems_of(report, "cases/command-centre.md") == [
        (8, "unknown key 'mayor'")
    ]


def test_bad_value(content_root):
    replace_in(content_root, "cases/command-centre.md", "region: china", "region: mars")
    report = import_content(content_root)
    [(line, message)] = problems_of(report, "cases/command-centre.md")
    assert line == 5
    assert message == "'region' must be one of: china, international"


def test_duplicate_slug_in_the_glossary(content_root):
    with (content_root / "glossary.yaml").open("a") as glossary:
        glossary.write(
            "- term: 个人资料\n  slug: personal-information\n  definition: 重复。\n"
            "  last_reviewed: 2026-11-30\n"
        )
    report = import_content(content_root)
    assert problems_of(report, "glossary.yaml") == [
        (6, "duplicate slug 'personal-information' (line 1)")
    ]
    assert not GlossaryTerm.objects.exists()


def test_duplicate_lesson_slug(content_root):
    source = (content_root / "courses/data-basics/02-sharing.md").read_text()
    write(content_root, "courses/data-basics/03-sharing.md", source)
    report = import_content(content_root)
    [(line, message)] = problems_of(report, "courses/data-basics/03-sharing.md")
    assert message.startswith("duplicate slug 'sharing'")


def test_broken_internal_link(content_root):
    replace_in(
        content_root,
        "courses/data-basics/01-quality.md",
        "right-to-deletion",
        "right-to-nothing",
    )
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/01-quality.md") == [
        (
            1,
            "files that depend on this one wait until it is fixed: "
            "courses/data-basics/02-sharing.md",
        ),
        (10, "broken internal link: no explainer 'right-to-nothing'"),
    ]
    # The next lesson links to it: rather than a dead link, it waits.
    assert problems_of(report, "02-sharing.md") == []
    assert not LessonPage.objects.exists()


def test_related_slug_that_does_not_exist(content_root):
    replace_in(content_root, "cases/command-centre.md", "[right-to-deletion]", "[nope]")
    report = import_content(content_root)
    assert problems_of(report, "cases/command-centre.md") == [
        (9, "'related_explainers' names no explainer 'nope'")
    ]


def test_image_without_alt_text(content_root):
    (content_root / "images").mkdir()
    PILImage.new("RGB", (2, 2)).save(content_root / "images/x.png")
    (content_root / "images/broken.png").write_bytes(b"not an image")
    with (content_root / "cases/command-centre.md").open("a") as case:
        case.write("\n![](images/x.png)\n![示意图](images/broken.png)\n")
    report = import_content(content_root)
    assert problems_of(report, "cases/command-centre.md") == [
        (20, "image 'images/x.png' has no alt text"),
        (21, "image file 'images/broken.png' is not a readable image"),
    ]


def test_question_without_a_correct_answer(content_root):
    replace_in(
        content_root, "courses/data-basics/quiz.yaml", "        correct: true\n", ""
    )
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/quiz.yaml") == [
        (6, "question 'q01' has no correct answer")
    ]
    assert not Quiz.objects.exists()
    assert LessonPage.objects.count() == 2


def test_impossible_draw_count(content_root):
    replace_in(content_root, "courses/data-basics/quiz.yaml", "draw: 2", "draw: 5")
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/quiz.yaml") == [
        (3, "draw count 5 is more than the 2 questions")
    ]


def test_a_tagged_draw_needs_enough_questions_with_the_tag(content_root):
    replace_in(
        content_root,
        "courses/data-basics/quiz.yaml",
        "  draw: 2\n",
        "  draw: 1\n  tags: [法律]\n  also_draw:\n    - tag: 共享\n      count: 2\n",
    )
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/quiz.yaml") == [
        (3, "draw count 1 is more than the 0 questions tagged 法律"),
        (6, "draw count 2 is more than the 0 questions tagged 共享"),
    ]
    assert not Quiz.objects.exists()


def test_a_further_draw_counts_what_earlier_draws_may_have_taken(content_root):
    quiz = "courses/data-basics/quiz.yaml"
    replace_in(
        content_root, quiz, "    type: single\n", "    type: single\n    tags: [共享]\n"
    )
    replace_in(
        content_root,
        quiz,
        "  draw: 2\n",
        "  draw: 1\n  also_draw:\n    - tag: 共享\n      count: 1\n",
    )
    report = import_content(content_root)
    assert problems_of(report, quiz) == [
        (
            5,
            "draw count 1 is more than the 1 questions tagged 共享, "
            "of which earlier draws may take 1",
        )
    ]


@pytest.mark.parametrize(
    ("also_draw", "problem"),
    [
        ("  also_draw:\n    tag: 共享\n    count: 1\n", "'also_draw' must be a list"),
        (
            f"  also_draw:\n    - tag: {'长' * 51}\n      count: 1\n",
            "'tag' must be at most 50 characters",
        ),
    ],
    ids=["not a list", "tag too long"],
)
def test_further_draws_are_checked(content_root, also_draw, problem):
    replace_in(
        content_root,
        "courses/data-basics/quiz.yaml",
        "  draw: 2\n",
        "  draw: 2\n" + also_draw,
    )
    report = import_content(content_root)
    [(__, message)] = problems_of(report, "courses/data-basics/quiz.yaml")
    assert message == problem
    assert not Quiz.objects.exists()


def test_an_exam_window_must_close_after_it_opens(content_root):
    replace_in(
        content_root,
        "courses/data-basics/quiz.yaml",
        "  draw: 2\n",
        "  draw: 2\n  opens_at: 2026-12-15 11:00\n  closes_at: 2026-12-15 09:00\n",
    )
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/quiz.yaml") == [
        (5, "'closes_at' must be after 'opens_at'")
    ]


def test_an_exam_window_needs_a_date_and_time(content_root):
    replace_in(
        content_root,
        "courses/data-basics/quiz.yaml",
        "  draw: 2\n",
        "  draw: 2\n  opens_at: next monday\n",
    )
    report = import_content(content_root)
    [(line, message)] = problems_of(report, "courses/data-basics/quiz.yaml")
    assert message == "'opens_at' must be a date and time written YYYY-MM-DD HH:MM"
    assert line == 4


def test_missing_front_matter(content_root):
    write(content_root, "explainers/plain.md", "只有正文,没有 front matter。\n")
    report = import_content(content_root)
    assert problems_of(report, "explainers/plain.md") == [
        (1, "missing front matter: the file must start with a '---' line")
    ]


def test_a_broken_course_skips_its_lessons_and_says_why(content_root):
    replace_in(
        content_root,
        "courses/data-basics/course.md",
        "credit_hours: 1.5",
        "credit_hours: 很多",
    )
    report = import_content(content_root)
    assert problems_of(report, "courses/data-basics/course.md") == [
        (4, "'credit_hours' must be a number of hours, e.g. 2 or 1.5")
    ]
    assert (1, "not imported: the course's course.md has errors") in problems_of(
        report, "01-quality.md"
    )
    assert not LessonPage.objects.exists()
    assert CaseStudyPage.objects.exists()


def test_a_broken_file_keeps_its_last_good_version(content_root):
    import_content(content_root)
    replace_in(content_root, "cases/command-centre.md", "year: 2016", "year: soon")
    report = import_content(content_root)
    assert report.problems and report.unpublished == []
    case = CaseStudyPage.objects.get()
    assert case.live and case.year == 2016


def test_a_question_learners_were_given_keeps_its_type_and_choices(content_root):
    import_content(content_root)
    quiz = Quiz.objects.get()
    start_attempt(quiz=quiz, user=get_user_model().objects.create_user("learner"))
    replace_in(
        content_root,
        "courses/data-basics/quiz.yaml",
        "      - text: 天气\n",
        "      - text: 天气\n      - text: 心情\n",
    )
    report = import_content(content_root)

    assert problems_of(report, "courses/data-basics/quiz.yaml") == [
        (
            6,
            "question 'q01' has been given to learners: its type and number of "
            "choices cannot change; give the new version a new id",
        )
    ]
    assert quiz.bank.questions.get(key="q01").choices.count() == 2
