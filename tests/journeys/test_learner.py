"""A learner takes the course assigned to them from My learning to the certificate."""

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser]

COURSE = Path(__file__).resolve().parents[2] / "content/courses/data-security"


def right_answers() -> dict[str, set[str]]:
    """Each question's stem and the texts of its right choices, as content/ states them."""
    quiz = yaml.safe_load((COURSE / "quiz.yaml").read_text(encoding="utf-8"))
    answers = {}
    for question in quiz["questions"]:
        if question["type"] == "true_false":
            answers[question["stem"]] = {"正确" if question["answer"] else "错误"}
        else:
            answers[question["stem"]] = {
                choice["text"]
                for choice in question["choices"]
                if choice.get("correct")
            }
    return answers


def test_a_learner_completes_the_assigned_course_and_downloads_the_certificate(
    visitor, tmp_path
):
    learner = visitor()
    page = learner.page
    learner.sign_in("learner")
    learner.go("/en/my/learning/")
    page.locator("main a[href$='/learn/data-security/']").first.click()
    page.wait_for_url("**/learn/data-security/")
    learner.check()

    page.get_by_role("button", name=re.compile("Start the course|Continue")).click()
    page.wait_for_url(re.compile(r"/learn/data-security/[^/]+/$"))
    lessons = 0
    while page.get_by_role("button", name="Mark as completed").count():
        learner.check()
        lesson = page.url
        page.get_by_role("button", name="Mark as completed").click()
        page.wait_for_url(lambda url, lesson=lesson: url != lesson)
        lessons += 1
    assert lessons == 6
    page.wait_for_url("**/learn/data-security/")
    learner.check()

    page.get_by_role("link", name="Go to the final quiz").click()
    page.wait_for_url("**/learn/data-security/quiz/")
    learner.check()
    page.get_by_role("link", name="Start the quiz").click()
    page.wait_for_url("**/learn/data-security/quiz/start/")
    learner.check()
    page.get_by_role("button", name="Start attempt 1 now").click()
    page.wait_for_url(re.compile(r"/quiz/\d+/$"))
    learner.check()
    answers = right_answers()
    questions = page.locator("fieldset.quiz-question")
    assert questions.count() == 10
    for question in questions.all():
        right = answers[question.locator(".question-stem").inner_text().strip()]
        for choice in question.locator("li").all():
            if choice.locator("label").inner_text().strip() in right:
                choice.locator("input").check()
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url("**/result/")
    learner.check()

    learner.go("/en/learn/data-security/")
    expect(page.get_by_text("You have passed the final quiz.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    learner.go("/en/my/learning/")
    expect(page.get_by_role("link", name=re.compile("Download PDF"))).to_be_visible()
