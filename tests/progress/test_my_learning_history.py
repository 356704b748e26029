"""My learning: certificates, credit hours by year and course, quiz attempts, in few queries."""

import re

import pytest
from django.urls import reverse

from citylearn.certificates.models import Certificate
from citylearn.progress.models import CourseCompletion
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import make_course
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz
from tests.progress.test_my_learning import build_learning

pytestmark = pytest.mark.django_db

URL = "/en/my/learning/"


def section(html: str, heading_id: str) -> str:
    found = re.search(
        rf'<section aria-labelledby="{heading_id}">(.*?)</section>', html, re.S
    )
    assert found, heading_id
    return found.group(1)


def take_quizzes(learner, count: int) -> None:
    """`count` quizzes, each failed once and then left running."""
    for __ in range(count):
        quiz = make_quiz(make_bank(2), course=make_course(lessons=0), max_attempts=3)
        submit_attempt(attempt=start_attempt(quiz=quiz, user=learner))
        start_attempt(quiz=quiz, user=learner)


def test_certificates_are_listed_with_their_download_links(client):
    learner = make_user()
    build_learning(learner, courses=2, lessons=1)
    revoked = Certificate.objects.filter(user=learner).first()
    revoked.revoked_at = revoked.issued_at
    revoked.save()
    kept = Certificate.objects.filter(user=learner).exclude(pk=revoked.pk).get()
    client.force_login(learner)

    listed = section(client.get(URL).content.decode(), "certificates-heading")

    assert reverse("certificates:download", args=[kept.code]) in listed
    assert kept.code in listed and kept.course_title in listed
    assert revoked.code not in listed


def test_credit_hours_are_shown_per_year_and_per_course(client):
    learner = make_user()
    build_learning(learner, courses=2, lessons=1)
    older = CourseCompletion.objects.filter(user=learner).first()
    CourseCompletion.objects.filter(pk=older.pk).update(year=2024)
    client.force_login(learner)

    history = section(client.get(URL).content.decode(), "history-heading")

    captions = re.findall(r"<caption>(.*?)</caption>", history)
    assert len(captions) == 2
    assert "2024: 2 hours" in captions
    assert history.count(older.course.title) == 1


def test_quiz_attempts_are_listed_with_their_results(client):
    learner = make_user()
    take_quizzes(learner, 1)
    client.force_login(learner)

    attempts = section(client.get(URL).content.decode(), "attempts-heading")

    assert "Not passed" in attempts
    assert "In progress: continue" in attempts
    assert attempts.count("<tr>") == 3  # the header and two attempts


def test_an_empty_record_says_so(client):
    client.force_login(make_user())

    html = client.get(URL).content.decode()

    assert "You have no certificate yet" in html
    assert "No credit hours yet" in html
    assert "You have not taken a quiz yet." in html


def test_my_learning_queries_do_not_grow_with_courses_or_attempts(
    client, django_assert_max_num_queries
):
    learner = make_user()
    build_learning(learner, courses=5, lessons=2)
    take_quizzes(learner, 5)
    client.force_login(learner)
    client.get(URL)  # the site's root paths are cached after the first page

    # The page needs 9 (one for the practice streak); the signed-in navigation adds
    # its look-ups of roles and scopes.
    with django_assert_max_num_queries(12):
        response = client.get(URL)

    html = response.content.decode()
    assert html.count("/pdf/") >= 5
    assert "In progress: continue" in html


def test_the_account_menu_offers_my_learning_and_a_password_change(client):
    # Not on the staff roster: every signed-in person may still take courses.
    client.force_login(make_user())

    html = client.get(URL).content.decode()
    nav = re.search(r'<nav class="user-nav".*?</nav>', html, re.S).group(0)

    assert f'href="{reverse("progress:my_learning")}"' in nav
    assert f'href="{reverse("accounts:password_change")}"' in nav
