"""A learner's whole path: lessons, quiz, certificate, and its public verification."""

import re
import subprocess

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from citylearn.certificates.models import Certificate
from tests.browser.conftest import serious_violations
from tests.builders.learning import lessons_of, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import make_quiz
from tests.conftest import require_tool

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


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


def accessible(axe, page):
    assert page.locator("h1").count() == 1
    assert serious_violations(axe, page) == []


def test_a_learner_completes_a_course_and_the_certificate_is_verified(
    page, axe, live_server, browser, tmp_path
):
    pdftotext = require_tool("pdftotext")
    learner = make_user(first_name="晓明", last_name="张")
    course = make_course(lessons=2, title="大数据思维入门")
    make_quiz(course=course, title="结业测验")
    first, second = lessons_of(course)
    sign_in(page, live_server, learner)

    page.goto(f"/en{course.url}")
    accessible(axe, page)
    page.get_by_role("button", name="Start the course").click()

    page.wait_for_url(f"**/en{first.url}")
    accessible(axe, page)
    page.get_by_role("button", name="Mark as completed").click()
    page.wait_for_url(f"**/en{second.url}")
    page.get_by_role("button", name="Mark as completed").click()

    page.wait_for_url(f"**/en{course.url}")
    expect(page.get_by_text("2 of 2 required lessons completed")).to_be_visible()
    page.get_by_role("link", name="Go to the final quiz").click()
    page.wait_for_url(f"**/en{course.url}quiz/")
    accessible(axe, page)
    page.get_by_role("link", name="Start the quiz").click()
    page.wait_for_url(f"**/en{course.url}quiz/start/")
    accessible(axe, page)
    page.get_by_role("button", name="Start attempt 1 now").click()
    page.wait_for_url(f"**/en{course.url}quiz/1/")
    accessible(axe, page)
    for choice in page.get_by_label(re.compile(r" right ")).all():
        choice.check()
    page.get_by_role("button", name="Submit answers").click()
    page.wait_for_url("**/result/")
    accessible(axe, page)

    page.goto(f"/en{course.url}")
    expect(page.get_by_text("You have passed the final quiz.")).to_be_visible()
    accessible(axe, page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download your certificate (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    assert "张晓明" in text
    assert "大数据思维入门" in text

    page.goto("/en/my/learning/")
    accessible(axe, page)
    expect(page.get_by_role("link", name=re.compile("Download PDF"))).to_be_visible()

    code = Certificate.objects.get(user=learner).code
    assert code in text
    citizen = browser.new_context(bypass_csp=True, base_url=live_server.url)
    verification = citizen.new_page()
    verification.goto(f"/en/certificates/verify/{code}/")
    expect(verification.get_by_text("This certificate is valid")).to_be_visible()
    expect(verification.get_by_text("张*明")).to_be_visible()
    assert "张晓明" not in verification.content()
    accessible(axe, verification)
    assert citizen.cookies() == []
    citizen.close()


def test_my_learning_and_verification_fit_a_360px_phone(page, live_server):
    learner = make_user()
    sign_in(page, live_server, learner)
    page.set_viewport_size({"width": 360, "height": 740})

    for url in ("/my/learning/", "/certificates/verify/?code=unknown"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
