"""A learner with practice questions in their own courses, and answers as a form sends them."""

import datetime

from django.utils import timezone

from citylearn.assignments.services import assign_to_people
from citylearn.practice.selectors import set_questions
from citylearn.progress.models import CourseCompletion
from tests.builders.quizzes import make_bank, make_quiz


def course_with_bank(size: int, **question_fields):
    """A course whose final quiz draws from a bank of `size` questions."""
    bank = make_bank(size=size, **question_fields)
    return make_quiz(bank).course, bank


def assign(learner, course) -> None:
    assign_to_people(
        course=course,
        people=[learner],
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        by=None,
    )


def complete(learner, course) -> None:
    now = timezone.now()
    CourseCompletion.objects.create(
        user=learner,
        course=course,
        completed_at=now,
        completed_on=timezone.localdate(now),
        year=now.year,
        credit_hours=course.credit_hours,
    )


def places(question, *, right: bool) -> set[int]:
    """The choice places of a right (or a wrong) answer to a single-choice question."""
    choices = list(question.choices.all())
    return {
        next(
            place
            for place, choice in enumerate(choices, start=1)
            if choice.is_correct == right
        )
    }


def answers(daily_set, wrong=()) -> list[set[int]]:
    """Right answers to the set, except for the questions in `wrong`."""
    return [
        places(question, right=question not in wrong)
        for question in set_questions(daily_set)
    ]


def form(daily_set, day, wrong=()) -> dict:
    data = {"day": day.isoformat()}
    for number, picked in enumerate(answers(daily_set, wrong), start=1):
        data[f"q-{number}"] = [str(place) for place in picked]
    return data
