"""Item statistics on a known set of attempts, every figure worked out by hand.

Six questions, three choices each (choice 0 right), seven learners, pass mark 60%:

    learners     A  B  C  D  E  F   score
    2 strong     0  1  0  2  0  0   4/6 = 66.67
    3 middling   0  1  0  2  0  1   3/6 = 50.00
    2 weak       0  1  1  0  1  1   2/6 = 33.33

Groups of round(0.27 × 7) = 2: the strong two and the weak two.
"""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from citylearn.quizzes.models import Choice
from citylearn.quizzes.services import save_answers, start_attempt, submit_attempt
from citylearn.quizzes.statistics import (
    NOBODY_RIGHT,
    WEAK_BEAT_STRONG,
    WRONG_CHOICE_PREFERRED,
    group_size_for,
    quiz_statistics,
)
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_question, make_quiz

pytestmark = pytest.mark.django_db

STRONG = {"A": 0, "B": 1, "C": 0, "D": 2, "E": 0, "F": 0}
MIDDLING = {"A": 0, "B": 1, "C": 0, "D": 2, "E": 0, "F": 1}
WEAK = {"A": 0, "B": 1, "C": 1, "D": 0, "E": 1, "F": 1}


def places(attempt, picks):
    answers = {}
    for slot in attempt.attempt_questions.select_related("question"):
        ids = list(
            Choice.objects.filter(question=slot.question_id)
            .order_by("position")
            .values_list("id", flat=True)
        )
        answers[slot.position] = [
            slot.choice_order.index(ids[picks[slot.question.key]]) + 1
        ]
    return answers


@pytest.fixture
def quiz():
    bank = make_bank(0, slug="known")
    for key in "ABCDEF":
        make_question(bank, key=key, correct=(0,), choices=3)
    bank.questions.filter(key="A").update(stem="=HYPERLINK(1)")
    quiz = make_quiz(bank, pass_mark=60, max_attempts=None)
    for picks in [STRONG] * 2 + [MIDDLING] * 3 + [WEAK] * 2:
        attempt = start_attempt(quiz=quiz, user=make_user())
        submit_attempt(attempt=attempt, answers=places(attempt, picks))
    # Still running: its right answer to B must not count anywhere.
    running = start_attempt(quiz=quiz, user=make_user())
    save_answers(attempt=running, answers=places(running, dict(STRONG, B=0)))
    return quiz


def test_the_score_distribution(quiz):
    statistics = quiz_statistics(quiz=quiz)

    assert statistics.attempts == 7
    assert statistics.passed == 2
    assert statistics.mean_score == 50.0
    assert statistics.group_size == 2
    assert [(b.low, b.high, b.attempts) for b in statistics.bands] == [
        (0, 9, 0),
        (10, 19, 0),
        (20, 29, 0),
        (30, 39, 2),
        (40, 49, 0),
        (50, 59, 3),
        (60, 69, 2),
        (70, 79, 0),
        (80, 89, 0),
        (90, 100, 0),
    ]


def test_facility_discrimination_and_flags_per_question(quiz):
    by_key = {item.question.key: item for item in quiz_statistics(quiz=quiz).questions}

    expected = {
        # key: facility, discrimination, flags
        "A": (1.0, 0.0, []),
        "B": (0.0, 0.0, [NOBODY_RIGHT, WRONG_CHOICE_PREFERRED]),
        "C": (0.7143, 1.0, []),
        "D": (0.2857, -1.0, [WEAK_BEAT_STRONG, WRONG_CHOICE_PREFERRED]),
        "E": (0.7143, 1.0, []),
        "F": (0.2857, 1.0, [WRONG_CHOICE_PREFERRED]),
    }
    assert sorted(by_key) == sorted(expected)
    for key, (facility, discrimination, flags) in expected.items():
        item = by_key[key]
        assert item.responses == 7, key
        assert item.facility == pytest.approx(facility, abs=1e-4), key
        assert item.discrimination == pytest.approx(discrimination, abs=1e-4), key
        assert item.flags == flags, key


def test_how_often_each_choice_was_picked(quiz):
    by_key = {item.question.key: item for item in quiz_statistics(quiz=quiz).questions}

    def picks(key):
        return [(c.picks, c.is_correct) for c in by_key[key].choices]

    assert picks("A") == [(7, True), (0, False), (0, False)]
    assert picks("B") == [(0, True), (7, False), (0, False)]
    assert picks("D") == [(2, True), (0, False), (5, False)]
    assert picks("F") == [(2, True), (5, False), (0, False)]
    assert [c.pick_rate for c in by_key["D"].choices] == [0.2857, 0.0, 0.7143]


@pytest.mark.parametrize(
    ("attempts", "size"), [(0, 0), (1, 0), (2, 1), (4, 1), (6, 2), (7, 2), (100, 27)]
)
def test_groups_are_27_percent_and_never_overlap(attempts, size):
    assert group_size_for(attempts) == size


def test_a_quiz_nobody_took_has_empty_statistics():
    statistics = quiz_statistics(quiz=make_quiz())
    assert statistics.attempts == 0
    assert statistics.mean_score is None
    assert statistics.questions == []
    assert sum(band.attempts for band in statistics.bands) == 0


def test_discrimination_needs_two_groups():
    bank = make_bank(0)
    make_question(bank, key="only")
    quiz = make_quiz(bank)
    submit_attempt(attempt=start_attempt(quiz=quiz, user=make_user()))

    (item,) = quiz_statistics(quiz=quiz).questions
    assert item.discrimination is None
    assert item.flags == [NOBODY_RIGHT]


def test_editors_see_the_statistics_page(editor, quiz):
    listing = editor.get(reverse("quiz_statistics:index"))
    response = editor.get(reverse("quiz_statistics:quiz", args=[quiz.pk]))
    html = response.content.decode()

    assert listing.status_code == 200
    assert quiz.title in listing.content.decode()
    assert response.status_code == 200
    assert "7 graded attempts, 2 passed." in html
    assert str(NOBODY_RIGHT) in html
    assert html.count("<section") >= 6


def test_the_csv_export_is_one_row_per_choice_and_safe_in_a_spreadsheet(editor, quiz):
    response = editor.get(reverse("quiz_statistics:questions_csv", args=[quiz.pk]))
    content = b"".join(response.streaming_content)
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert content.startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert "attachment" in response["Content-Disposition"]
    assert len(rows) == 18
    d_wrong = next(r for r in rows if r["question"] == "D" and r["choice"] == "3")
    assert d_wrong["picks"] == "5"
    assert d_wrong["pick_rate"] == "0.7143"
    assert d_wrong["discrimination"] == "-1.0"
    assert d_wrong["correct"] == "no"
    assert {r["stem"] for r in rows if r["question"] == "A"} == {"'=HYPERLINK(1)"}

    scores = editor.get(reverse("quiz_statistics:scores_csv", args=[quiz.pk]))
    lines = b"".join(scores.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "from_percent,to_percent,attempts"
    assert "60,69,2" in lines


def test_statistics_are_for_editors_only(client, quiz):
    urls = [
        reverse("quiz_statistics:index"),
        reverse("quiz_statistics:quiz", args=[quiz.pk]),
        reverse("quiz_statistics:questions_csv", args=[quiz.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    admin_user = make_user()
    admin_user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(admin_user)
    for url in urls:
        # Wagtail turns the refusal into a message on the admin's dashboard.
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
