"""A learner's journey by keyboard alone: continue a course, complete a lesson, be warned
before the final quiz, fail it and see the attempts left; in Chinese, in English, and in
elder mode on a 360 px phone. axe runs on every page; each page type leaves a screenshot.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from citylearn.progress.services import record_lesson_visit, start_course
from citylearn.quizzes.models import Attempt
from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# variant: (URL prefix, viewport width, elder mode)
VARIANTS = {
    "zh": ("", 1280, False),
    "en": ("/en", 1280, False),
    "elder": ("", 360, True),
    "360": ("/en", 360, False),
}
WORDING = {
    "": {
        "lesson_position": "第 1 课，共 3 课",
        "attempts_left": "你还有 1 次作答机会。",
        "not_passed": "未通过",
    },
    "/en": {
        "lesson_position": "Lesson 1 of 3",
        "attempts_left": "You have 1 attempt left.",
        "not_passed": "Not passed",
    },
}
FOCUSED_MATCHES = "selector => document.activeElement.matches(selector)"


def sign_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie.value,
                "url": live_server.url,
            }
        ]
    )


def press_on(page, selector: str, key: str = "Enter", limit: int = 200) -> None:
    """Tab until the element matching `selector` has focus, then press `key` on it."""
    for __ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_MATCHES, selector):
            page.keyboard.press(key)
            return
    raise AssertionError(f"the keyboard never reached {selector}")


def check_page(page, axe, name: str, variant: str, width: int) -> None:
    assert page.locator("h1").count() == 1
    assert serious_violations(axe, page) == []
    if width <= 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    save_screenshot(page, f"{name}-{variant}")


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_a_learner_continues_completes_is_warned_fails_and_sees_attempts_left(
    page, axe, live_server, variant
):
    prefix, width, elder = VARIANTS[variant]
    words = WORDING[prefix]
    learner = make_user()
    course = make_course(lessons=3)
    quiz = make_quiz(make_bank(3), course=course, max_attempts=2, pass_mark=80)
    first, second, __ = lessons_of(course)
    start_course(user=learner, course=course)
    record_lesson_visit(user=learner, lesson=first)
    sign_in(page, live_server, learner)
    page.set_viewport_size({"width": width, "height": 800})
    console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )

    page.goto(f"{prefix}{course.url}")
    if elder:
        press_on(page, "[data-elder-toggle]", "Space")
        expect(page.locator("html")).to_have_class("elder")
    check_page(page, axe, "course", variant, width)
    press_on(page, f'a.button-primary[href$="{first.url}"]')

    page.wait_for_url(f"**{prefix}{first.url}")
    expect(page.locator(".lesson-position")).to_have_text(words["lesson_position"])
    expect(page.locator("a[rel=prev]")).to_have_count(1)
    expect(page.locator("a[rel=next]")).to_have_count(1)
    check_page(page, axe, "lesson", variant, width)
    press_on(page, 'form[action$="/complete/"] button')

    page.wait_for_url(f"**{prefix}{second.url}")
    assert page.evaluate(FOCUSED_MATCHES, ".confirmation[role=status]")
    expect(page.locator(".confirmation")).to_contain_text(first.title)
    check_page(page, axe, "lesson-completed", variant, width)

    quiz_url = reverse("quizzes:quiz", kwargs={"course": course.slug})
    page.goto(f"{prefix}{quiz_url}")
    expect(page.locator("#lessons-warning li")).to_have_count(2)
    check_page(page, axe, "quiz-overview", variant, width)
    press_on(page, 'a.button[href$="/quiz/start/"]')

    page.wait_for_url(f"**{prefix}{quiz_url}start/")
    assert page.evaluate("document.activeElement.id") == "confirm-start"
    expect(page.locator("#lessons-warning li")).to_have_count(2)
    assert not Attempt.objects.exists()
    check_page(page, axe, "quiz-start", variant, width)
    press_on(page, 'button[name="confirm"]')

    page.wait_for_url(f"**{prefix}{quiz_url}1/")
    assert Attempt.objects.count() == 1
    check_page(page, axe, "quiz-attempt", variant, width)
    # Submitting with no answer fails the attempt.
    press_on(page, "button[data-submit]")

    page.wait_for_url(f"**{prefix}{quiz_url}1/result/")
    assert page.evaluate("document.activeElement.id") == "result"
    expect(page.locator(".attempts-left")).to_have_text(words["attempts_left"])
    check_page(page, axe, "quiz-result", variant, width)

    page.goto(f"{prefix}{reverse('progress:my_learning')}")
    expect(page.locator("#attempts-heading + table")).to_contain_text(
        words["not_passed"]
    )
    check_page(page, axe, "my-learning", variant, width)
    assert Attempt.objects.get().passed is False
    assert quiz.attempts.count() == 1
    assert [error for error in console_errors if "409" in error] == []


def test_an_answer_saved_while_submitting_logs_no_conflict(page, live_server):
    """The autosave still on its way when the learner submits is awaited, not refused."""
    learner = make_user()
    quiz = make_quiz(make_bank(2), course=make_course(lessons=0))
    sign_in(page, live_server, learner)
    statuses = []
    page.on(
        "response",
        lambda response: (
            "/answers/" in response.url and statuses.append(response.status)
        ),
    )

    def slow_save(route):
        page.wait_for_timeout(1500)
        route.continue_()

    page.goto(reverse("quizzes:start", kwargs={"course": quiz.course.slug}))
    page.locator('button[name="confirm"]').click()
    page.wait_for_url("**/quiz/1/")
    page.route("**/answers/", slow_save)
    page.locator("#q-1-1").check()
    page.locator("button[data-submit]").click()

    page.wait_for_url("**/quiz/1/result/")
    assert statuses == [200]
    attempt = Attempt.objects.get()
    assert attempt.is_graded
    assert attempt.attempt_questions.get(position=1).selected.count() == 1
