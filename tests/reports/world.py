"""A hand-computed tree for the report tests.

    D (no target: the setting's 50)
    ├── A (target 20)
    │   └── A1 (no target: A's 20)
    └── B (no target: 50)

Course X is due 2026-03-31, course Y 2026-12-31; "today" is 2026-07-01.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from citylearn.access.enums import Role
from citylearn.assignments.models import AssignedPerson, Assignment
from citylearn.progress.models import CourseCompletion, Enrolment
from citylearn.quizzes.models import Attempt
from tests.builders import people
from tests.builders.learning import make_course
from tests.builders.quizzes import make_bank, make_quiz

TODAY = datetime.date(2026, 7, 1)
DUE_X = datetime.date(2026, 3, 31)
DUE_Y = datetime.date(2026, 12, 31)


def complete(user, course, day: datetime.date, hours="2"):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    Enrolment.objects.create(user=user, course=course, started_at=moment)
    CourseCompletion.objects.create(
        user=user,
        course=course,
        completed_at=moment,
        completed_on=day,
        year=day.year,
        credit_hours=Decimal(hours),
    )


def attempt(user, quiz, number: int, score: int):
    moment = timezone.now()
    Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        started_at=moment,
        submitted_at=moment,
        graded_at=moment,
        score=score,
        passed=score >= quiz.pass_mark,
    )


def assign(course, due_on, people, **fields):
    assignment = Assignment.objects.create(course=course, due_on=due_on, **fields)
    for person in people:
        AssignedPerson.objects.create(assignment=assignment, user=person, due_on=due_on)
    return assignment


def build():
    d = people.department("D", "区")
    a = people.department("A", "甲局", d)
    a1 = people.department("A1", "甲一科", a)
    b = people.department("B", "乙街道", d)
    a.credit_hours_target = Decimal(20)
    a.save()
    p = {
        "p1": people.staff("P1", a1, name="一号").user,
        "p2": people.staff("P2", a1, name="二号").user,
        "p3": people.staff("P3", a, name="三号").user,
        "p4": people.staff("P4", b, name="四号").user,
        "p5": people.staff("P5", b, name="五号").user,
        "p6": people.staff("P6", b, name="六号").user,
        "p7": people.staff("P7", b, name="七号", is_active=False).user,
    }
    x, y, z = make_course(lessons=0), make_course(lessons=0), make_course(lessons=0)
    quiz = make_quiz(course=x, bank=make_bank(), pass_mark=50)
    assign(x, DUE_X, [p["p1"], p["p2"], p["p3"]])
    assign_y = assign(y, DUE_Y, [p["p4"], p["p5"], p["p6"], p["p7"]])
    AssignedPerson.objects.filter(assignment=assign_y, user=p["p6"]).update(
        released_on=datetime.date(2026, 5, 1)
    )
    assign(z, DUE_X, [p["p5"]], withdrawn_at=timezone.now())
    complete(p["p1"], x, datetime.date(2026, 3, 10))
    complete(p["p2"], x, datetime.date(2026, 4, 5))
    # Last year's hours do not count this year.
    complete(p["p4"], z, datetime.date(2025, 12, 1))
    Enrolment.objects.create(user=p["p3"], course=x)
    Enrolment.objects.create(user=p["p4"], course=y)
    attempt(p["p1"], quiz, 1, 60)
    attempt(p["p1"], quiz, 2, 80)
    attempt(p["p2"], quiz, 1, 40)
    officer = people.make_user("officer")
    people.grant(officer, Role.HR_OFFICER, d)
    head = people.make_user("head")
    people.grant(head, Role.DEPARTMENT_HEAD, b)
    return {
        "D": d,
        "A": a,
        "A1": a1,
        "B": b,
        "people": p,
        "x": x,
        "y": y,
        "officer": officer,
        "head": head,
    }
