"""Officers see a learner's status, dates, hours and scores, never their answers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.quizzes.models import Choice
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders import people
from tests.builders.quizzes import make_bank, make_quiz, wrong_places

pytestmark = pytest.mark.django_db


def test_the_record_and_dashboard_show_the_score_but_no_answer(client):
    tree = people.district()
    learner = people.staff("L1", tree["community"], name="李四").user
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, tree["street"])
    quiz = make_quiz(make_bank(3), pass_mark=60)
    assignment = Assignment.objects.create(
        course=quiz.course, due_on=timezone.localdate()
    )
    AssignedPerson.objects.create(
        assignment=assignment, user=learner, due_on=assignment.due_on
    )
    attempt = start_attempt(quiz=quiz, user=learner)
    chosen = wrong_places(attempt)
    submit_attempt(attempt=attempt, answers=chosen)
    picked_texts = [
        Choice.objects.get(pk=slot.choice_order[chosen[slot.position][0] - 1]).text
        for slot in attempt.attempt_questions.all()
    ]
    questions = [slot.question for slot in attempt.attempt_questions.all()]
    stems = [question.stem for question in questions]
    assert picked_texts and all("wrong" in text for text in picked_texts)

    client.force_login(officer)
    record = client.get(reverse("reports:person_record", args=["L1"])).content.decode()
    dashboard = client.get(reverse("reports:dashboard")).content.decode()
    assert "Final quiz" in record  # the quiz and its score are there
    assert "0%" in record
    for page in (record, dashboard):
        for text in [*picked_texts, *stems]:
            assert text not in page
        # Nor the right answers, nor any choice of the questions drawn.
        for choice in Choice.objects.filter(question__in=questions):
            assert choice.text not in page
