"""The learner's quiz pages: sign-in, start, answer, resume, submit, result."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citylearn.quizzes.enums import AnswersShown, QuestionKind
from citylearn.quizzes.errors import NO_ATTEMPTS_LEFT, TIME_IS_UP, UNKNOWN_CHOICE
from citylearn.quizzes.models import Attempt
from citylearn.quizzes.services import DEADLINE_GRACE, start_attempt
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_bank, make_question, make_quiz

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}
CONFIRM = {"confirm": "1"}


def url(name, quiz, number=None):
    kwargs = {"course": quiz.course.slug}
    if number is not None:
        kwargs["number"] = number
    return reverse(f"quizzes:{name}", kwargs=kwargs)


def form(answers):
    data = {"question": [str(p) for p in answers]}
    for position, places in answers.items():
        data[f"q-{position}"] = [str(p) for p in places]
    return data


@pytest.fixture
def quiz():
    return make_quiz(make_bank(4), time_limit_minutes=20, max_attempts=2)


@pytest.fixture
def learner(client):
    user = make_user()
    client.force_login(user)
    client.user = user
    return client


def test_every_quiz_page_needs_sign_in(client, quiz):
    attempt = start_attempt(quiz=quiz, user=make_user())
    for name, number, method in [
        ("quiz", None, "get"),
        ("start", None, "post"),
        ("attempt", 1, "get"),
        ("save", 1, "post"),
        ("submit", 1, "post"),
        ("result", 1, "get"),
    ]:
        response = getattr(client, method)(url(name, quiz, number))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name
    assert Attempt.objects.get() == attempt


def test_the_overview_states_the_rules_and_offers_to_start(learner, quiz):
    response = learner.get(url("quiz", quiz))
    html = response.content.decode()

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert f'href="{url("start", quiz)}"' in html
    assert "60%" in html and "20" in html


def test_starting_opens_the_attempt_and_starting_again_resumes_it(learner, quiz):
    response = learner.post(url("start", quiz), CONFIRM)
    assert response.status_code == 302
    assert response["Location"] == url("attempt", quiz, 1)

    overview = learner.get(url("quiz", quiz)).content.decode()
    assert "Continue attempt 1" in overview
    learner.post(url("start", quiz), CONFIRM)
    assert Attempt.objects.count() == 1


def test_a_learner_out_of_attempts_is_told_so(learner, quiz):
    for __ in range(2):
        learner.post(url("start", quiz), CONFIRM)
        learner.post(url("submit", quiz, Attempt.objects.latest("pk").number))

    response = learner.post(url("start", quiz), CONFIRM)

    assert response.status_code == 409
    assert str(NO_ATTEMPTS_LEFT) in response.content.decode()
    assert Attempt.objects.count() == 2


def test_the_attempt_page_is_an_accessible_form(learner):
    bank = make_bank(2)
    make_question(bank, QuestionKind.MULTIPLE, correct=(0, 2))
    quiz = make_quiz(bank)
    learner.post(url("start", quiz), CONFIRM)

    html = learner.get(url("attempt", quiz, 1)).content.decode()

    assert html.count("<fieldset") == html.count("<legend>") == 3
    assert html.count('type="checkbox"') == 4
    assert html.count('type="radio"') == 8
    for input_id in re.findall(
        r'<input type="(?:radio|checkbox)"[^>]* id="([^"]+)"', html
    ):
        assert f'<label for="{input_id}" lang="zh-Hans">' in html


def test_the_attempt_page_does_not_depend_on_which_choices_are_correct(learner, quiz):
    """The answer-leak test: flipping every answer in the bank changes nothing sent."""
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()

    def page():
        html = learner.get(url("attempt", quiz, 1)).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    before = page()
    for question in quiz.bank.questions.all():
        for choice in question.choices.all():
            choice.is_correct = not choice.is_correct
            choice.save()
    after = page()

    assert before == after
    for slot in attempt.attempt_questions.select_related("question"):
        assert slot.question.explanation not in before
        assert slot.question.stem in before
    assert "correct" not in before.lower()


def test_choices_are_named_by_place_never_by_database_id(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    html = learner.get(url("attempt", quiz, 1)).content.decode()

    # Sixteen choices, yet every question's inputs are valued 1 to 4.
    values = re.findall(r'name="q-(\d+)"[^>]* value="(\d+)"', html)
    assert len(values) == 16
    assert {value for __, value in values} == {"1", "2", "3", "4"}


def test_answers_saved_as_json_come_back_on_resume(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    first_page = learner.get(url("attempt", quiz, 1)).content.decode()

    response = learner.post(url("save", quiz, 1), form({2: [3], 4: [1]}), **JSON)

    body = response.json()
    assert response.status_code == 200
    assert body["saved"] == [2, 4]
    assert 0 < body["seconds_left"] <= 20 * 60
    assert set(body) == {"saved", "seconds_left"}

    # The connection drops; the learner signs in again elsewhere.
    elsewhere = Client()
    elsewhere.force_login(learner.user)
    resumed = elsewhere.get(url("attempt", quiz, 1)).content.decode()
    assert 'id="q-2-3" value="3" checked' in resumed
    assert 'id="q-4-1" value="1" checked' in resumed
    assert resumed.count(" checked") == 2
    questions = re.compile(r'<span class="question-stem"[^>]*>([^<]+)</span>')
    assert questions.findall(resumed) == questions.findall(first_page)
    assert Attempt.objects.get().deadline == attempt.deadline


def test_saving_without_javascript_returns_to_the_page(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)

    response = learner.post(url("save", quiz, 1), form({1: [2]}))

    assert response.status_code == 302
    assert response["Location"] == url("attempt", quiz, 1) + "?saved"
    assert "checked" in learner.get(response["Location"]).content.decode()


def test_bad_answers_get_a_clear_error_and_keep_what_was_saved(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    learner.post(url("save", quiz, 1), form({1: [2]}))

    as_json = learner.post(url("save", quiz, 1), form({1: [9]}), **JSON)
    as_page = learner.post(url("save", quiz, 1), {"question": "x"})

    message = str(UNKNOWN_CHOICE) % {"position": 1, "choice": 9}
    assert as_json.status_code == 400
    assert as_json.json() == {"error": message}
    assert as_page.status_code == 400
    assert "The answers sent could not be read." in as_page.content.decode()
    assert 'id="q-1-2" value="2" checked' in as_page.content.decode()


def test_after_the_deadline_answers_are_refused_and_the_attempt_graded(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    learner.post(url("save", quiz, 1), form({1: [1]}))
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - DEADLINE_GRACE - timedelta(seconds=1)
    )

    response = learner.post(url("save", quiz, 1), form({2: [1]}), **JSON)

    assert response.status_code == 409
    assert response.json() == {
        "error": str(TIME_IS_UP),
        "result_url": url("result", quiz, 1),
    }
    attempt.refresh_from_db()
    assert attempt.is_graded
    assert attempt.attempt_questions.filter(answered_at__isnull=False).count() == 1
    assert learner.get(url("attempt", quiz, 1))["Location"] == url("result", quiz, 1)


def test_a_late_submission_is_graded_on_answers_saved_in_time(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    right = correct_places(attempt)
    learner.post(url("save", quiz, 1), form({1: right[1]}))
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - DEADLINE_GRACE - timedelta(seconds=1)
    )

    response = learner.post(url("submit", quiz, 1), form(right))

    assert response["Location"] == url("result", quiz, 1)
    attempt.refresh_from_db()
    assert attempt.score == 25
    result = learner.get(url("result", quiz, 1)).content.decode()
    assert "graded on the answers saved in time" in result


def test_submitting_twice_grades_once(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()

    first = learner.post(url("submit", quiz, 1), form(correct_places(attempt)), **JSON)
    second = learner.post(url("submit", quiz, 1), form({1: [1]}), **JSON)

    assert first.json() == {"graded_now": True, "result_url": url("result", quiz, 1)}
    assert second.json() == {"graded_now": False, "result_url": url("result", quiz, 1)}
    attempt.refresh_from_db()
    assert attempt.score == 100


def test_the_result_shows_answers_and_explanations_with_focus_on_its_heading(
    learner, quiz
):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    learner.post(url("submit", quiz, 1), form(correct_places(attempt)))

    html = learner.get(url("result", quiz, 1)).content.decode()

    assert re.search(r'<h1 id="result" tabindex="-1" data-focus-on-load>', html)
    assert "100%" in html and "You passed." in html
    for slot in attempt.attempt_questions.select_related("question"):
        assert slot.question.explanation in html
    assert html.count("correct answer") == 4


def test_a_score_only_quiz_never_shows_the_answers(learner):
    quiz = make_quiz(make_bank(3), answers_shown=AnswersShown.NEVER)
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    learner.post(url("submit", quiz, 1), form({1: [1]}))

    html = learner.get(url("result", quiz, 1)).content.decode()

    assert "%" in html
    assert "correct answer" not in html and " right " not in html
    for slot in attempt.attempt_questions.select_related("question"):
        assert slot.question.explanation not in html


def test_a_running_attempt_has_no_result_yet(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)

    response = learner.get(url("result", quiz, 1))

    assert response["Location"] == url("attempt", quiz, 1)


def test_nobody_sees_or_touches_another_learners_attempt(learner, quiz):
    other = start_attempt(quiz=quiz, user=make_user())

    for name in ("attempt", "result"):
        assert learner.get(url(name, quiz, other.number)).status_code == 404
    for name in ("save", "submit"):
        assert (
            learner.post(url(name, quiz, other.number), form({1: [1]})).status_code
            == 404
        )
    assert not other.attempt_questions.filter(answered_at__isnull=False).exists()


def test_every_json_response_is_free_of_choices_and_answers(learner, quiz):
    learner.post(url("start", quiz), CONFIRM)
    attempt = Attempt.objects.get()
    bodies = [
        learner.post(url("save", quiz, 1), form({1: [1]}), **JSON),
        learner.post(url("save", quiz, 1), form({1: [7]}), **JSON),
        learner.post(url("submit", quiz, 1), form({2: [1]}), **JSON),
        learner.post(url("save", quiz, 1), form({1: [1]}), **JSON),
    ]
    forbidden = ["right", "wrong", "Explanation", "is_correct", "choice_order"]
    for slot in attempt.attempt_questions.all():
        forbidden += [f'"{choice_id}"' for choice_id in slot.choice_order]
    for response in bodies:
        text = json.dumps(response.json())
        assert response["Content-Type"] == "application/json"
        for word in forbidden:
            assert word not in text, (word, text)
