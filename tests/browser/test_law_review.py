"""An editor amends an article, reviews the flagged lesson, assigns a refresher;
a learner who had completed the course finds it in My learning."""

import datetime

import pytest
from django.utils import timezone

from citylearn.lawreview.models import Refresher, ReviewItem
from citylearn.laws.models import Provision
from citylearn.progress.models import CourseCompletion
from citylearn.progress.services import complete_lesson
from tests.browser.conftest import save_screenshot, serious_violations
from tests.builders import people
from tests.builders.laws import make_provision
from tests.builders.learning import lessons_of, make_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_TEXT = (
    "个人有权向个人信息处理者查阅、复制其个人信息；法律、行政法规另有规定的除外。"
)


@pytest.fixture
def world():
    provision = make_provision()
    course = make_course(lessons=2, title="个人信息保护基础")
    lesson = lessons_of(course)[0]
    lesson.provisions.add(provision)
    lesson.save_revision().publish()
    dept = people.department("D", "区")
    learner = people.staff("L1", dept, name="李华").user
    for each in lessons_of(course):
        complete_lesson(user=learner, lesson=each)
    CourseCompletion.objects.filter(user=learner).update(
        completed_at=timezone.now() - datetime.timedelta(days=60)
    )
    # A live-server test before this one may have flushed the groups that migrations
    # made; who may review is tested in tests/lawreview, this is the journey.
    people.make_user("moderator", is_staff=True, is_superuser=True)
    return {"provision": provision, "course": course, "lesson": lesson}


def sign_in_to_admin(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(people.PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_an_amendment_is_reviewed_and_refreshed(page, axe, world, browser, live_server):
    provision = world["provision"]
    sign_in_to_admin(page, "moderator")

    # The editor amends the article in the admin.
    page.goto(f"/admin/snippets/laws/provision/edit/{provision.pk}/")
    page.locator("#id_text").fill(NEW_TEXT)
    page.locator("#id_version").fill("2026年修正")
    page.locator("button.action-save").first.click()
    page.wait_for_load_state()
    assert Provision.objects.get().text == NEW_TEXT

    # The report lists the flagged lesson with the diff of the text.
    page.goto("/admin/reports/law-changes/")
    page.locator(".lawreview-diff ins").first.wait_for()
    assert "法律、行政法规另有规定" in page.locator(".lawreview-diff ins").inner_text()
    assert page.locator(".lawreview-diff del").count() >= 1
    assert serious_violations(axe, page) == []
    save_screenshot(page, "law-review-report")
    assert ReviewItem.objects.filter(reviewed_at__isnull=True).count() == 1

    # The lesson's editor says it needs review; publishing it closes the review.
    page.get_by_role("link", name=world["lesson"].title).click()
    page.wait_for_load_state()
    assert "需要复核" in page.content()
    page.evaluate("document.querySelector('button[name=\"action-publish\"]').click()")
    page.wait_for_load_state()
    page.wait_for_timeout(500)
    assert ReviewItem.objects.get().reviewed_at is not None

    # From the report, a refresher for the course.
    page.goto("/admin/reports/law-changes/")
    page.get_by_role("link", name=f"布置“{world['course'].title}”的复训").click()
    due = timezone.localdate() + datetime.timedelta(days=14)
    page.locator("#id_due_on").fill(due.isoformat())
    page.get_by_role("button", name="布置复训").click()
    page.wait_for_load_state()
    assert "复训已布置给 1 人" in page.content()
    assert Refresher.objects.count() == 1

    # The learner who had completed the course finds the refresher in My learning.
    context = browser.new_context(bypass_csp=True, base_url=live_server.url)
    learner_page = context.new_page()
    learner_page.goto("/en/accounts/login/")
    learner_page.get_by_label("Employee id or email").fill("L1")
    learner_page.get_by_label("Password").fill(people.PASSWORD)
    learner_page.get_by_role("button", name="Sign in").click()
    learner_page.wait_for_load_state()
    learner_page.goto("/en/my/learning/")
    assert "复训：个人信息保护基础" in learner_page.content()
    context.close()
