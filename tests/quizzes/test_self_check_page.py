"""The public self-check: a GET form, marked at once, nothing stored, cacheable."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.quizzes.enums import QuestionKind
from tests.builders.quizzes import make_bank, make_question, make_self_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def page():
    bank = make_bank(0)
    make_question(bank, key="single", correct=(2,))
    make_question(bank, QuestionKind.MULTIPLE, key="multi", correct=(0, 1))
    make_question(bank, QuestionKind.TRUE_FALSE, key="tf", correct=(1,))
    return make_self_check(bank)


def assert_cacheable(response):
    assert response.cookies == {}
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_the_blank_form_is_cacheable_and_gives_nothing_away(client, page):
    response = client.get(page.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert_cacheable(response)
    assert '<form method="get" action="#result">' in html
    # The page's feedback form has a fieldset of its own.
    quiz = html.split('<section class="feedback"')[0]
    assert quiz.count("<fieldset") == quiz.count("<legend>") == 3
    assert html.count('type="checkbox"') == 4
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Explanation of" not in html
    assert "correct" not in html.lower()

    for question in page.bank.questions.all():
        for choice in question.choices.all():
            choice.is_correct = not choice.is_correct
            choice.save()
    assert client.get(page.url).content.decode() == html


def test_answers_in_the_query_are_marked_at_once_and_nothing_is_stored(client, page):
    query = "?q-1=3&q-2=1&q-2=2&q-3=1&check=1"

    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url + query)

    html = response.content.decode()
    assert response.status_code == 200
    assert_cacheable(response)
    writes = [q["sql"] for q in queries if not q["sql"].lstrip().startswith("SELECT")]
    assert writes == []
    assert "You answered 2 of 3 questions right." in html
    assert 'id="result" tabindex="-1" data-focus-on-load' in html
    for key in ("single", "multi", "tf"):
        assert f"Explanation of {key}" in html
    assert html.count("correct answer") == 4
    assert html.count("your answer") == 4


def test_unanswered_questions_are_marked_wrong(client, page):
    html = client.get(page.url + "?check=1").content.decode()

    assert "You answered 0 of 3 questions right." in html
    assert html.count("You did not answer this question.") == 3


def test_an_unreadable_query_asks_to_answer_again(client, page):
    for query in ("?q-1=x&check=1", "?q-1=9&check=1", "?q-2=0&check=1"):
        response = client.get(page.url + query)
        html = response.content.decode()
        assert response.status_code == 400, query
        assert "could not be read" in html
        assert "Explanation of" not in html
        assert_cacheable(response)
