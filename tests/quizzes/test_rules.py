"""The admin and the content importer keep one set of quiz rules and refuse alike."""

import pytest
from django.urls import reverse

from citylearn.content_import.services import import_content
from citylearn.quizzes import rules
from citylearn.quizzes.models import Quiz
from tests.builders.quizzes import make_bank, make_question, make_quiz

pytestmark = pytest.mark.django_db


def quiz_form(quiz, *, draw, extra_draws):
    data = {
        "course": quiz.course_id,
        "title": quiz.title,
        "bank": quiz.bank_id,
        "tags": "",
        "draw": str(draw),
        "pass_mark": "60",
        "max_attempts": "",
        "time_limit_minutes": "",
        "opens_at": "",
        "closes_at": "",
        "multiple_scoring": quiz.multiple_scoring,
        "answers_shown": quiz.answers_shown,
        "extra_draws-TOTAL_FORMS": str(len(extra_draws)),
        "extra_draws-INITIAL_FORMS": "0",
        "extra_draws-MIN_NUM_FORMS": "0",
        "extra_draws-MAX_NUM_FORMS": "1000",
    }
    for index, (bank, tag, count) in enumerate(extra_draws):
        data[f"extra_draws-{index}-bank"] = str(bank.pk)
        data[f"extra_draws-{index}-tag"] = tag
        data[f"extra_draws-{index}-count"] = str(count)
        data[f"extra_draws-{index}-ORDER"] = str(index + 1)
    return data


def draw_error_codes(response):
    form = response.context["form"]
    codes = [e.code for errors in form.errors.as_data().values() for e in errors]
    for child in form.formsets["extra_draws"].forms:
        codes += [e.code for errors in child.errors.as_data().values() for e in errors]
    return codes


def test_the_admin_refuses_draws_that_share_too_few_questions(admin):
    # Two questions, one tagged: the first draw may take the only tagged one.
    bank = make_bank(0)
    make_question(bank)
    make_question(bank, tags=("共享",))
    quiz = make_quiz(bank, draw=1)
    url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])

    response = admin.post(url, quiz_form(quiz, draw=1, extra_draws=[(bank, "共享", 1)]))

    assert response.status_code == 200
    assert draw_error_codes(response) == [rules.TOO_FEW_QUESTIONS]
    assert not quiz.extra_draws.exists()


def test_the_admin_takes_draws_that_can_always_be_filled(admin):
    bank = make_bank(0)
    make_question(bank)
    make_question(bank, tags=("共享",))
    other = make_bank(1)
    quiz = make_quiz(bank, draw=2)
    url = reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk])

    response = admin.post(url, quiz_form(quiz, draw=2, extra_draws=[(other, "", 1)]))

    assert response.status_code == 302
    assert Quiz.objects.get().question_count == 3


def test_the_importer_refuses_the_same_draws_with_the_same_code(content_root):
    quiz = content_root / "courses/data-basics/quiz.yaml"
    text = quiz.read_text()
    text = text.replace("    type: single\n", "    type: single\n    tags: [共享]\n")
    text = text.replace(
        "  draw: 2\n", "  draw: 1\n  also_draw:\n    - tag: 共享\n      count: 1\n"
    )
    quiz.write_text(text, encoding="utf-8")

    report = import_content(content_root)

    assert [p.code for p in report.problems if p.path == str(quiz)] == [
        rules.TOO_FEW_QUESTIONS
    ]
    assert not Quiz.objects.exists()


@pytest.mark.parametrize(
    ("pools", "short"),
    [
        ([({1, 2}, 2)], []),
        ([({1, 2}, 3)], [(0, 3, 2, 0)]),
        ([({1, 2}, 1), ({2}, 1)], [(1, 1, 1, 1)]),
        ([({1, 2}, 1), ({3}, 1)], []),
        ([({1}, 1), ({1, 2, 3}, 2)], []),
    ],
)
def test_a_draw_is_short_when_earlier_draws_may_take_its_questions(pools, short):
    found = rules.draw_shortfalls(pools)
    assert [(s.index, s.count, s.available, s.taken) for s in found] == short
