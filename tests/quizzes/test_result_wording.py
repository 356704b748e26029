"""A verdict never reads like a choice: it says right or wrong and names the answers."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from citylearn.quizzes.enums import AnswersShown, QuestionKind
from citylearn.quizzes.models import Choice
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def true_false_quiz():
    bank = make_bank(0)
    question = make_question(bank, QuestionKind.TRUE_FALSE, correct=(0,))
    # The trap the issue names: "错误" (wrong) is itself one of the answers.
    Choice.objects.filter(question=question, position=0).update(text="正确")
    Choice.objects.filter(question=question, position=1).update(text="错误")
    return make_quiz(bank, answers_shown=AnswersShown.AFTER_EACH_ATTEMPT)


def answer_and_read_result(client, quiz, picked_text: str) -> str:
    user = make_user()
    client.force_login(user)
    attempt = start_attempt(quiz=quiz, user=user)
    slot = attempt.attempt_questions.get()
    place = 1 + slot.choice_order.index(
        Choice.objects.get(question=slot.question, text=picked_text).pk
    )
    submit_attempt(attempt=attempt, answers={1: [place]})
    kwargs = {"course": quiz.course.slug, "number": 1}
    return client.get(reverse("quizzes:result", kwargs=kwargs)).content.decode()


def answers_named(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {term: re.sub(r"<[^>]+>", "", value).strip() for term, value in pairs}


def test_a_wrong_answer_is_called_wrong_and_both_answers_are_named(
    client, true_false_quiz
):
    html = answer_and_read_result(client, true_false_quiz, "错误")

    assert "Question 1: you answered wrongly" in html
    assert answers_named(html) == {"Your answer": "错误", "Correct answer": "正确"}


def test_a_right_answer_is_called_correct(client, true_false_quiz):
    html = answer_and_read_result(client, true_false_quiz, "正确")

    assert "Question 1: you answered correctly" in html
    assert answers_named(html) == {"Your answer": "正确", "Correct answer": "正确"}


def test_the_chinese_verdicts_cannot_be_taken_for_a_choice():
    with translation.override("zh-hans"):
        wrong = translation.gettext("Question %(number)s: you answered wrongly")
        right = translation.gettext("Question %(number)s: you answered correctly")

    assert wrong % {"number": 1} == "第 1 题：答错了"
    assert right % {"number": 1} == "第 1 题：回答正确"


def test_the_question_is_a_heading_inside_its_legend(client, true_false_quiz):
    user = make_user()
    client.force_login(user)
    start_attempt(quiz=true_false_quiz, user=user)
    kwargs = {"course": true_false_quiz.course.slug, "number": 1}

    html = client.get(reverse("quizzes:attempt", kwargs=kwargs)).content.decode()

    assert re.search(
        r'<legend><h2 class="question-heading">\s*<span class="question-number">'
        r"Question 1 of 1</span>\s*<span class=\"question-stem\" lang=\"zh-Hans\">Stem of",
        html,
    )
