"""Parallel requests against PostgreSQL's row locks: one grading, never too many attempts."""

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from citylearn.quizzes.models import Attempt
from citylearn.quizzes.signals import quiz_passed
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_bank, make_quiz
from tests.conftest import skip_or_fail

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 8


@pytest.fixture(autouse=True)
def postgresql():
    if connection.vendor == "postgresql":
        return
    # CI's second pass sets DATABASE_URL to PostgreSQL: there these tests must run.
    if os.environ.get("DATABASE_URL"):
        skip_or_fail(f"these tests need PostgreSQL, not {connection.vendor}")
    pytest.skip("these tests need PostgreSQL's row locks: set DATABASE_URL")


def in_parallel(task, count=THREADS):
    """Run task(i) in `count` threads released together; each thread has its connection."""
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            return task(index)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def urls(quiz, number=None):
    course = quiz.course.slug
    return {
        "start": reverse("quizzes:start", kwargs={"course": course}),
        "submit": reverse("quizzes:submit", kwargs={"course": course, "number": number})
        if number
        else None,
    }


def test_concurrent_submissions_grade_the_attempt_exactly_once():
    quiz, user = make_quiz(make_bank(5)), make_user()
    clients = [signed_in(user) for __ in range(THREADS)]
    clients[0].post(urls(quiz)["start"], {"confirm": "1"})
    attempt = Attempt.objects.get()
    answers = correct_places(attempt)
    data = {"question": list(answers)} | {f"q-{p}": v for p, v in answers.items()}
    passed = []
    receiver = lambda **kwargs: passed.append(kwargs["attempt"].pk)  # noqa: E731
    quiz_passed.connect(receiver)

    try:
        responses = in_parallel(
            lambda i: clients[i].post(
                urls(quiz, 1)["submit"], data, HTTP_ACCEPT="application/json"
            )
        )
    finally:
        quiz_passed.disconnect(receiver)

    assert [r.status_code for r in responses] == [200] * THREADS
    assert sorted(r.json()["graded_now"] for r in responses) == [False] * 7 + [True]
    assert passed == [attempt.pk]
    attempt.refresh_from_db()
    assert attempt.score == 100 and attempt.passed


def test_concurrent_starts_open_one_attempt():
    quiz, user = make_quiz(make_bank(5), max_attempts=1), make_user()
    clients = [signed_in(user) for __ in range(THREADS)]

    responses = in_parallel(
        lambda i: clients[i].post(urls(quiz)["start"], {"confirm": "1"})
    )

    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {
        reverse("quizzes:attempt", kwargs={"course": quiz.course.slug, "number": 1})
    }
    assert Attempt.objects.count() == 1
    assert Attempt.objects.get().attempt_questions.count() == 5


def test_concurrent_start_and_submit_never_exceed_the_attempt_limit():
    quiz, user = make_quiz(make_bank(3), max_attempts=3), make_user()
    clients = [signed_in(user) for __ in range(THREADS)]
    submit = "/".join(urls(quiz, 1)["submit"].split("/")[:-3])

    def take_attempts(index):
        statuses = []
        for __ in range(4):
            started = clients[index].post(urls(quiz)["start"], {"confirm": "1"})
            statuses.append(started.status_code)
            if started.status_code != 302:
                break
            number = started["Location"].rstrip("/").rsplit("/", 1)[-1]
            submitted = clients[index].post(f"{submit}/{number}/submit/")
            statuses.append(submitted.status_code)
        return statuses

    statuses = {code for codes in in_parallel(take_attempts) for code in codes}

    assert statuses <= {302, 409}, statuses
    assert sorted(Attempt.objects.values_list("number", flat=True)) == [1, 2, 3]
    assert not Attempt.objects.open().exists()
