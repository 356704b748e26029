"""A learner takes a timed quiz with the keyboard alone; a citizen takes a self-check."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from citylearn.quizzes.enums import QuestionKind
from citylearn.quizzes.models import Attempt
from tests.browser.conftest import serious_violations
from tests.builders.people import make_user
from tests.builders.quizzes import (
    correct_places,
    make_bank,
    make_question,
    make_quiz,
    make_self_check,
)
from tests.quizzes.english import english_as_default


@pytest.fixture(autouse=True)
def english_pages(settings):
    """These tests read the English wording of the quiz pages; the site default is Chinese."""
    yield from english_as_default(settings)


pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName, id: el.id, type: el.type || "", text: el.textContent.trim()};
}"""


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )


def tab_until(page, matches, limit=120):
    for __ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if matches(focused):
            return focused
    raise AssertionError("the keyboard never reached the element")


def start_the_quiz(page):
    page.get_by_role("link", name="Start the quiz").click()
    page.get_by_role("button", name="Start attempt 1 now").click()


@pytest.fixture
def timed_quiz():
    bank = make_bank(2, choices=3)
    make_question(bank, QuestionKind.MULTIPLE, correct=(0, 2), choices=4)
    make_question(bank, QuestionKind.TRUE_FALSE, correct=(1,))
    return make_quiz(bank, time_limit_minutes=20, pass_mark=75)


def test_a_learner_takes_a_timed_quiz_with_the_keyboard_alone(
    page, axe, live_server, timed_quiz
):
    sign_in(page, live_server, make_user())
    page.goto(f"/learn/{timed_quiz.course.slug}/quiz/")
    assert serious_violations(axe, page) == []

    tab_until(page, lambda el: el["text"] == "Start the quiz")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz/start/")
    assert page.evaluate(FOCUSED)["id"] == "confirm-start"
    assert serious_violations(axe, page) == []
    tab_until(page, lambda el: el["text"] == "Start attempt 1 now")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz/1/")
    assert serious_violations(axe, page) == []
    assert page.locator("[data-seconds-left]").inner_text().startswith(("19:", "20:"))

    answers = correct_places(Attempt.objects.get())
    for position, places in sorted(answers.items()):
        first = tab_until(page, lambda el, p=position: el["id"].startswith(f"q-{p}-"))
        if first["type"] == "radio":
            # Tabbing into a radio group lands on its first choice; arrows move and pick.
            page.keyboard.press("Space")
            for __ in range(places[0] - 1):
                page.keyboard.press("ArrowDown")
        else:
            for place in range(1, 5):
                if place > 1:
                    page.keyboard.press("Tab")
                if place in places:
                    page.keyboard.press("Space")
    page.locator("[data-save-status]").get_by_text("Answers saved at").wait_for()

    tab_until(page, lambda el: el["text"] == "Submit answers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/quiz/1/result/")

    assert page.evaluate(FOCUSED)["id"] == "result"
    assert page.get_by_text("You passed.").is_visible()
    assert page.locator(".result-explanation").count() == 4
    assert page.get_by_text("Explanation of").first.is_visible()
    assert serious_violations(axe, page) == []
    attempt = Attempt.objects.get()
    assert attempt.score == 100 and attempt.submitted_at is not None


def test_the_clock_submits_when_time_runs_out(page, live_server, timed_quiz):
    user = make_user()
    sign_in(page, live_server, user)
    page.goto(f"/learn/{timed_quiz.course.slug}/quiz/")
    start_the_quiz(page)
    page.wait_for_url("**/quiz/1/")
    Attempt.objects.update(deadline=timezone.now() + timedelta(seconds=3))
    page.reload()
    page.locator("#q-1-1").check()

    page.wait_for_url("**/quiz/1/result/", timeout=15_000)

    attempt = Attempt.objects.get()
    assert attempt.is_graded and attempt.submitted_at <= attempt.deadline + timedelta(
        seconds=30
    )
    assert attempt.attempt_questions.get(position=1).selected.count() == 1


def test_answers_chosen_offline_are_saved_when_the_connection_returns(
    page, live_server, timed_quiz
):
    sign_in(page, live_server, make_user())
    page.goto(f"/learn/{timed_quiz.course.slug}/quiz/")
    start_the_quiz(page)
    page.wait_for_url("**/quiz/1/")
    status = page.locator("[data-save-status]")

    page.context.set_offline(True)
    page.locator("#q-1-2").check()
    status.get_by_text("no connection").wait_for()
    page.context.set_offline(False)
    status.get_by_text("Answers saved at").wait_for(timeout=15_000)

    slot = Attempt.objects.get().attempt_questions.get(position=1)
    assert list(slot.selected.values_list("id", flat=True)) == [slot.choice_order[1]]
    page.reload()
    assert page.locator("#q-1-2").is_checked()


def test_the_attempt_page_fits_a_360px_phone(page, live_server, timed_quiz):
    sign_in(page, live_server, make_user())
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"/learn/{timed_quiz.course.slug}/quiz/")
    start_the_quiz(page)
    page.wait_for_url("**/quiz/1/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_citizen_checks_their_answers_and_reads_the_explanations(page, axe):
    bank = make_bank(3)
    make_self_check(bank, slug="rights-check")

    page.goto("/rights-check/")
    assert serious_violations(axe, page) == []
    page.locator("#q-1-1").check()
    page.get_by_role("button", name="Check my answers").click()

    page.wait_for_url("**/rights-check/?**")
    assert page.evaluate(FOCUSED)["id"] == "result"
    assert page.get_by_text("You answered 1 of 3 questions right.").is_visible()
    assert page.locator(".result-explanation").count() == 3
    assert serious_violations(axe, page) == []
    assert page.context.cookies() == []
