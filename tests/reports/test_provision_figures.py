"""Share of right answers per cited article and subtree, small groups withheld."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.access.permissions import Scope, write_scope
from citylearn.quizzes.models import Attempt, AttemptQuestion
from citylearn.quizzes.provision_statistics import provision_statistics
from tests.builders.laws import make_provision
from tests.builders.people import department, grant, make_user, staff
from tests.builders.quizzes import make_bank, make_quiz

pytestmark = pytest.mark.django_db


def answer(user, quiz, results, *, graded=True):
    """One attempt of user answering quiz's questions: results maps question -> right."""
    now = timezone.now()
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=Attempt.objects.filter(quiz=quiz, user=user).count() + 1,
        started_at=now,
        submitted_at=now if graded else None,
        graded_at=now if graded else None,
        score=Decimal(50) if graded else None,
        passed=False if graded else None,
    )
    for position, (question, right) in enumerate(results.items()):
        AttemptQuestion.objects.create(
            attempt=attempt,
            question=question,
            position=position,
            answered_at=now,
            points=(Decimal(1) if right else Decimal(0)) if graded else None,
        )


@pytest.fixture
def world():
    root = department("D", "区")
    east = department("E", "东街道", root)
    west = department("W", "西街道", root)
    north = department("N", "北街道", root)
    art45 = make_provision()
    art44 = make_provision(key="pipl-44", article="第四十四条", heading="知情权")
    bank = make_bank(size=3)
    q45, q44, plain = bank.questions.order_by("position")
    q45.provisions.add(art45)
    q44.provisions.add(art44)
    q45.save()
    q44.save()
    quiz = make_quiz(bank)
    # East: 6 people; 4 answer 45 right, 2 wrong; all answer 44 right.
    for n in range(6):
        person = staff(f"E{n}", east).user
        answer(person, quiz, {q45: n < 4, q44: True, plain: False})
    # West: 5 people, 45 right once each, and a second attempt wrong for two of them.
    for n in range(5):
        person = staff(f"W{n}", west).user
        answer(person, quiz, {q45: True})
        if n < 2:
            answer(person, quiz, {q45: False})
    # North: 2 people, both right: withheld, and so is the next smallest (West).
    for n in range(2):
        answer(staff(f"N{n}", north).user, quiz, {q45: True})
    # An ungraded attempt and someone outside the tree count nowhere.
    answer(staff("E9", east).user, quiz, {q45: False}, graded=False)
    outside = department("X", "外区")
    answer(staff("X0", outside).user, quiz, {q45: False})
    return {"root": root, "east": east, "west": west, "north": north,
            "art45": art45, "art44": art44, "quiz": quiz, "q45": q45}  # fmt: skip


def test_hand_computed_figures_with_suppression(world):
    figures = provision_statistics(scope=Scope(everything=True), top=world["root"])
    assert [c.name for c in figures.columns] == ["东街道", "西街道", "北街道"]
    rows = {row.provision.key: row for row in figures.rows}
    assert set(rows) == {"pipl-45", "pipl-44"}
    row = rows["pipl-45"]
    # 45: East 4/6; West 5/7; North 2/2 -> total 11/15 answers, 13 people.
    assert (row.total.answers, row.total.correct, row.total.people_count) == (
        15,
        11,
        13,
    )
    assert row.total.percent == 73
    east, west, north = row.groups
    assert east.percent == 67 and east.people_count == 6
    assert north.withheld and north.percent is None
    # With North alone withheld, West could be worked out from the total: withheld too.
    assert west.withheld and west.percent is None
    row44 = rows["pipl-44"]
    assert row44.total.percent == 100 and row44.total.people_count == 6
    assert row44.groups[0].percent == 100
    assert row44.groups[1].people_count == 0 and row44.groups[1].percent is None


def test_an_officer_sees_only_their_subtree(world, client):
    officer = make_user("officer")
    grant(officer, Role.HR_OFFICER, world["east"])
    figures = provision_statistics(scope=write_scope(officer), top=world["east"])
    [row45, row44] = sorted(
        figures.rows, key=lambda r: r.provision.number, reverse=True
    )
    assert row45.total.people_count == 6 and row45.total.percent == 67
    client.force_login(officer)
    response = client.get(reverse("reports:provision_figures"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "67%" in html and "东街道" in html and "西街道" not in html
    # Another subtree's id is ignored, never shown.
    response = client.get(
        reverse("reports:provision_figures"), {"department": world["west"].pk}
    )
    assert "西街道" not in response.content.decode()
    with pytest.raises(PermissionError):
        provision_statistics(scope=write_scope(officer), top=world["root"])


def test_queries_do_not_grow_with_the_answers(world, client, django_assert_num_queries):
    officer = make_user("officer")
    grant(officer, Role.HR_OFFICER, world["root"])
    client.force_login(officer)
    url = reverse("reports:provision_figures")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(10):
        person = staff(f"M{n}", world["west"]).user
        answer(person, world["quiz"], {world["q45"]: n % 2 == 0})
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_daily_practice_answers_count_beside_exam_answers(world):
    from citylearn.practice.models import PracticeAnswer
    from citylearn.reports.views import PROVISION_ANSWER_SOURCES

    today = timezone.localdate()
    # Two East people practise article 45: one right, one wrong; a West person right.
    for code, right in (("E0", True), ("E5", False)):
        user = User.objects.get(username=code)
        PracticeAnswer.objects.create(
            user=user, question=world["q45"], is_correct=right, day=today
        )
    PracticeAnswer.objects.create(
        user=User.objects.get(username="W0"),
        question=world["q45"],
        is_correct=True,
        day=today,
    )
    figures = provision_statistics(
        scope=Scope(everything=True),
        top=world["root"],
        sources=PROVISION_ANSWER_SOURCES,
    )
    row = {row.provision.key: row for row in figures.rows}["pipl-45"]
    # Exams 11/15 as above, practice 2/3: 13/18; nobody new, so still 13 people.
    assert (row.total.answers, row.total.correct, row.total.people_count) == (
        18,
        13,
        13,
    )
    east = row.groups[0]
    assert (east.answers, east.correct) == (8, 5)
