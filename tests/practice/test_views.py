"""The daily practice page: one form, marked answers, counted once, never an exam."""

import pytest
from django.utils import timezone

from citylearn.practice.models import Card, DailySet, PracticeAnswer
from citylearn.practice.selectors import set_questions
from citylearn.progress.models import CourseCompletion
from citylearn.quizzes.models import Attempt
from tests.builders.people import make_user
from tests.practice.builders import assign, course_with_bank, form

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    learner = make_user()
    course, __ = course_with_bank(8)
    assign(learner, course)
    client.force_login(learner)
    return learner


def todays(learner) -> DailySet:
    return DailySet.objects.get(user=learner, day=timezone.localdate())


def test_the_page_shows_the_same_five_questions_on_reload(client, learner):
    first = client.get("/my/practice/")
    again = client.get("/my/practice/")
    assert first.status_code == again.status_code == 200
    stems = [question.stem for question in set_questions(todays(learner))]
    assert len(stems) == 5
    for response in (first, again):
        body = response.content.decode()
        assert sorted(stems, key=body.index) == stems
    assert first["Cache-Control"].startswith("max-age=0")


def test_answers_are_marked_with_explanations_and_stored_once(client, learner):
    client.get("/my/practice/")
    daily = todays(learner)
    wrong = set_questions(daily)[:1]
    data = form(daily, timezone.localdate(), wrong=wrong)

    first = client.post("/my/practice/", data)
    again = client.post("/my/practice/", data)

    assert first.status_code == 302
    assert again.status_code == 200
    assert PracticeAnswer.objects.filter(user=learner).count() == 5
    assert PracticeAnswer.objects.filter(user=learner, is_correct=False).count() == 1
    # Moved once: a right answer from box 1 to box 2, not on to box 3.
    assert sorted(Card.objects.filter(user=learner).values_list("box", flat=True)) == [
        1,
        2,
        2,
        2,
        2,
    ]
    result = client.get("/my/practice/").content.decode()
    assert f"Explanation of {wrong[0].key}" in result
    assert "答错了" in result or "you answered wrongly" in result
    # Practice is not an exam: no attempt, no completion.
    assert not Attempt.objects.filter(user=learner).exists()
    assert not CourseCompletion.objects.filter(user=learner).exists()
    rows = PracticeAnswer.objects.filter(question=wrong[0])
    assert set(rows.values_list("user", "is_correct")) == {(learner.pk, False)}


def test_a_question_left_blank_is_named_in_an_error_summary(client, learner):
    client.get("/my/practice/")
    daily = todays(learner)
    data = form(daily, timezone.localdate())
    del data["q-3"]
    data["q-4"] = ["99"]

    response = client.post("/my/practice/", data)

    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in body
    assert 'href="#q-3-1"' in body and 'href="#q-4-1"' in body
    assert not PracticeAnswer.objects.exists()
    assert todays(learner).completed_at is None
    # What was chosen stays chosen.
    assert 'name="q-1" id="q-1-' in body and "checked" in body


def test_a_set_sent_for_another_day_is_not_taken(client, learner):
    client.get("/my/practice/")
    data = form(todays(learner), timezone.localdate())
    data["day"] = "2020-01-01"
    response = client.post("/my/practice/", data)
    assert response.status_code == 302
    assert not PracticeAnswer.objects.exists()


def test_the_streak_is_shown_to_the_learner_on_my_learning(client, learner):
    client.get("/my/practice/")
    client.post("/my/practice/", form(todays(learner), timezone.localdate()))
    page = client.get("/my/learning/").content.decode()
    assert "/my/practice/" in page
    assert "连续练习：1 天" in page


def test_nothing_to_practise_without_own_courses(client):
    course_with_bank(5)
    client.force_login(make_user())
    response = client.get("/my/practice/")
    assert response.status_code == 200
    assert not DailySet.objects.exists()


def test_the_page_needs_sign_in(client):
    response = client.get("/my/practice/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
