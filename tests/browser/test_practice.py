"""Daily practice and lesson checkpoints in a real browser, checked by axe."""

import pytest
from playwright.sync_api import expect

from citylearn.courses.enums import CompletionRule
from citylearn.progress.models import CourseCompletion
from tests.browser.test_learning import accessible, sign_in
from tests.builders.learning import make_course, make_lesson
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz
from tests.practice.builders import assign, course_with_bank

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_a_learner_does_the_daily_set_without_javascript_trouble(
    page, axe, live_server
):
    learner = make_user()
    course, __ = course_with_bank(6)
    assign(learner, course)
    sign_in(page, live_server, learner)

    page.goto(f"{live_server.url}/en/my/learning/")
    page.get_by_role("link", name="Practise today's questions").click()
    page.wait_for_url("**/en/my/practice/")
    expect(page.locator("h1")).to_have_count(1)
    accessible(axe, page)
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("alert")).to_contain_text("Choose an answer to question 1.")
    accessible(axe, page)

    for number in range(1, 6):
        page.locator(f"#q-{number}-1").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_role("heading", name="Today's set is done")).to_be_visible()
    expect(page.get_by_text("Your streak: 1 day in a row.")).to_be_visible()
    accessible(axe, page)


def test_a_learner_completes_a_lesson_by_answering_its_checkpoint(
    page, axe, live_server
):
    learner = make_user()
    course = make_course(
        lessons=0, credit_hours=2, completion_rule=CompletionRule.CHECKPOINTS_PASSED
    )
    bank = make_bank(size=2)
    make_quiz(bank, course=course, draw=1, pass_mark=50)
    question = bank.questions.first()
    lesson = make_lesson(course, checkpoints=[question.key], required=True)
    sign_in(page, live_server, learner)

    page.goto(f"{live_server.url}/en{lesson.url}")
    accessible(axe, page)
    expect(page.get_by_role("button", name="Mark as completed")).to_have_count(0)
    page.get_by_label(f"{question.key} wrong 1").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_role("heading", name="Not right yet")).to_be_visible()
    expect(page.get_by_text(f"Explanation of {question.key}")).to_be_visible()
    accessible(axe, page)

    page.get_by_role("link", name="Back to the lesson").click()
    page.get_by_label(f"{question.key} right 0").check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("You have completed this lesson.")).to_be_visible()
    accessible(axe, page)
    # The final quiz is still to pass: no hours yet.
    assert not CourseCompletion.objects.filter(user=learner).exists()
