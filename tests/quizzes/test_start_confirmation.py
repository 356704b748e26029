"""No attempt is used by surprise: the learner is warned of unread lessons and confirms."""

import pytest
from django.urls import reverse

from citylearn.progress.services import complete_lesson
from citylearn.quizzes.models import Attempt
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz, wrong_places

pytestmark = pytest.mark.django_db


def url(name, quiz, number=None):
    kwargs = {"course": quiz.course.slug}
    if number is not None:
        kwargs["number"] = number
    return reverse(f"quizzes:{name}", kwargs=kwargs)


@pytest.fixture
def quiz():
    course = make_course(lessons=3, title="数据思维")
    return make_quiz(make_bank(3), course=course, max_attempts=2, time_limit_minutes=20)


@pytest.fixture
def learner(client):
    client.user = make_user()
    client.force_login(client.user)
    return client


def test_the_overview_warns_of_lessons_not_completed_and_only_links_onwards(
    learner, quiz
):
    first, second, third = lessons_of(quiz.course)
    complete_lesson(user=learner.user, lesson=first)

    html = learner.get(url("quiz", quiz)).content.decode()

    assert 'id="lessons-warning"' in html
    assert "You have not completed 2 lessons of this course" in html
    assert f'href="{second.url}"' in html and f'href="{third.url}"' in html
    assert f'href="{first.url}"' not in html
    assert f'<a class="button button-primary" href="{url("start", quiz)}">' in html
    assert not Attempt.objects.exists()


def test_the_confirmation_page_warns_and_starts_nothing(learner, quiz):
    response = learner.get(url("start", quiz))
    html = response.content.decode()

    assert response.status_code == 200
    assert "You have not completed 3 lessons of this course" in html
    assert "Starting uses attempt 1." in html
    assert "You have 2 attempts left." in html
    assert "You have 20 minutes." in html
    assert 'name="confirm" value="1"' in html
    assert not Attempt.objects.exists()


def test_no_warning_once_every_lesson_is_completed(learner, quiz):
    for lesson in lessons_of(quiz.course):
        complete_lesson(user=learner.user, lesson=lesson)

    html = learner.get(url("start", quiz)).content.decode()

    assert "lessons-warning" not in html


def test_a_post_without_confirmation_uses_no_attempt(learner, quiz):
    response = learner.post(url("start", quiz))

    assert response.status_code == 302
    assert response["Location"] == url("start", quiz)
    assert not Attempt.objects.exists()


def test_the_confirmed_post_starts_the_attempt(learner, quiz):
    response = learner.post(url("start", quiz), {"confirm": "1"})

    assert response["Location"] == url("attempt", quiz, 1)
    assert Attempt.objects.get().user == learner.user


def test_a_running_attempt_is_continued_without_asking(learner, quiz):
    start_attempt(quiz=quiz, user=learner.user)

    posted = learner.post(url("start", quiz))
    asked = learner.get(url("start", quiz))

    assert posted["Location"] == asked["Location"] == url("attempt", quiz, 1)
    assert Attempt.objects.count() == 1


def test_without_attempts_left_the_confirmation_leads_back_to_the_overview(
    learner, quiz
):
    for __ in range(2):
        submit_attempt(attempt=start_attempt(quiz=quiz, user=learner.user))

    response = learner.get(url("start", quiz))

    assert response["Location"] == url("quiz", quiz)


def test_a_failed_attempt_shows_the_score_attempts_left_and_when_to_try_again(
    learner, quiz
):
    attempt = start_attempt(quiz=quiz, user=learner.user)
    answers = wrong_places(attempt)
    data = {"question": list(answers)} | {f"q-{p}": v for p, v in answers.items()}
    learner.post(url("submit", quiz, 1), data)

    html = learner.get(url("result", quiz, 1)).content.decode()

    assert "You scored 0%" in html
    assert "You have 1 attempt left." in html
    assert "You may start the next attempt now." in html
    overview = learner.get(url("quiz", quiz)).content.decode()
    assert "Not passed" in overview and "1 of 2" in overview


def test_the_last_failed_attempt_says_none_are_left(learner, quiz):
    for __ in range(2):
        submit_attempt(attempt=start_attempt(quiz=quiz, user=learner.user))

    html = learner.get(url("result", quiz, 2)).content.decode()

    assert "You have used all your attempts at this quiz." in html
    assert "You may start the next attempt now." not in html
