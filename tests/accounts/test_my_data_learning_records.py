"""My data holds the person's learning records, and only theirs, at a fixed query cost."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citylearn.quizzes.models import Attempt
from tests.builders.people import make_user
from tests.builders.records import give_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(client):
    learner = make_user()
    give_records(learner)
    client.force_login(learner)
    return learner


def my_data(client) -> dict:
    response = client.get("/en/accounts/my-data.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_download_holds_every_learning_record(client, learner):
    data = my_data(client)
    assert [row["course"] for row in data["enrolments"]] == [
        "数据思维·进行中",
        "数据思维·已完成",
    ]
    assert {row["course"] for row in data["lesson_completions"]} == {
        "数据思维·进行中",
        "数据思维·已完成",
    }
    [completion] = data["course_completions"]
    assert completion["course"] == "数据思维·已完成"
    assert completion["credit_hours"] == "2.0"
    assert data["credit_hours"] == [{"year": completion["year"], "credit_hours": "2.0"}]

    [certificate] = data["certificates"]
    assert certificate["code"] == learner.certificates.get().code
    assert certificate["course"] == "数据思维·已完成"
    assert certificate["revoked_at"] is not None
    assert certificate["revocation_reason"] == "重复发放数据思维"

    [assignment] = data["assignments"]
    assert assignment["course"] == "数据思维·指派"
    assert assignment["due_on"] == "2030-06-30"
    assert assignment["status"] == "Not started"


def test_the_download_holds_quiz_attempts_with_the_answers_given(client, learner):
    attempt = Attempt.objects.get(user=learner)
    data = my_data(client)
    [shown] = data["quiz_attempts"]
    assert shown["quiz"] == "Final quiz"
    assert shown["number"] == 1
    assert shown["score"] == "0.00"
    assert shown["passed"] is False
    assert shown["submitted_at"] is not None

    answers = data["quiz_answers"]
    drawn = attempt.attempt_questions.select_related("question")
    assert [row["question"] for row in answers] == [d.question.stem for d in drawn]
    for row, slot in zip(answers, drawn, strict=True):
        given = slot.selected.get()
        assert row["answer"] == [given.text]
        assert "wrong" in given.text
    # Which answer was right is not part of it: the review settings decide that.
    assert "right" not in json.dumps(answers)


def test_the_page_shows_every_learning_record(client, learner):
    html = client.get("/en/accounts/my-data/").content.decode()
    for expected in [
        "Courses you started",
        "数据思维·进行中",
        "Lessons you completed",
        "Courses you completed",
        "Credit hours per year",
        "Your certificates",
        learner.certificates.get().code,
        "重复发放数据思维",
        "Courses assigned to you",
        "数据思维·指派",
        "2030-06-30",
        "Not started",
        "Your quiz attempts",
        "Final quiz",
        "Your answers in quizzes",
        Attempt.objects.get(user=learner).attempt_questions.first().question.stem,
        " wrong ",
    ]:
        assert expected in html


def test_the_page_lists_its_sections_first(client, learner):
    html = client.get("/en/accounts/my-data/").content.decode()
    contents = html.index('aria-label="On this page"')
    assert html.index('href="#section-certificates"', contents) < html.index(
        'id="section-account"'
    )
    assert 'id="section-certificates"' in html


def test_the_page_speaks_chinese_by_default(client, learner):
    html = client.get("/accounts/my-data/").content.decode()
    for expected in ["您开始学习的课程", "您的证书", "撤销原因", "您在测验中的作答"]:
        assert expected in html


def test_another_learners_records_never_appear(client, learner):
    give_records(make_user(), title="别人的课")
    data = json.dumps(my_data(client), ensure_ascii=False)
    html = client.get("/en/accounts/my-data/").content.decode()
    for text in (data, html):
        assert "别人的课" not in text
    assert len(json.loads(data)["quiz_attempts"]) == 1


def test_a_person_without_learning_records_gets_empty_sections(client):
    client.force_login(make_user())
    data = my_data(client)
    for key in [
        "enrolments",
        "lesson_completions",
        "course_completions",
        "credit_hours",
        "certificates",
        "assignments",
        "quiz_attempts",
        "quiz_answers",
    ]:
        assert data[key] == []


def test_the_page_costs_the_same_queries_for_many_records(
    client, django_assert_max_num_queries
):
    few, many = make_user(), make_user()
    give_records(few, 1)
    give_records(many, 4, title="很多")
    client.force_login(few)
    with CaptureQueriesContext(connection) as for_few:
        assert client.get("/en/accounts/my-data/").status_code == 200
    client.force_login(many)
    with django_assert_max_num_queries(len(for_few)):
        html = client.get("/en/accounts/my-data/").content.decode()
    # Enrolments, lesson and course completions, certificates: four rows per course.
    assert html.count("很多·已完成") == 4 * 4
