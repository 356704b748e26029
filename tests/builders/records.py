"""A learner's records of every kind, for the "My data" tests."""

import datetime

from citylearn.assignments.services import assign_to_people
from citylearn.certificates.services import revoke_certificate
from citylearn.progress.services import complete_lesson
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import lessons_of, make_certificate, make_course
from tests.builders.people import make_user
from tests.builders.quizzes import make_bank, make_quiz, wrong_places


def give_records(learner, count: int = 1, *, title: str = "数据思维") -> None:
    """`count` of each kind of learning record, in courses titled after `title`."""
    started = make_course(lessons=2, title=f"{title}·进行中")
    complete_lesson(user=learner, lesson=lessons_of(started)[0])
    quiz = make_quiz(make_bank(size=2), course=started, max_attempts=None)
    for __ in range(count):
        attempt = start_attempt(quiz=quiz, user=learner)
        submit_attempt(attempt=attempt, answers=wrong_places(attempt))
        certificate = make_certificate(learner, title=f"{title}·已完成")
        revoke_certificate(
            certificate=certificate, by=make_user(), reason="重复发放" + title
        )
        assign_to_people(
            course=make_course(lessons=1, title=f"{title}·指派"),
            people=[learner],
            due_on=datetime.date(2030, 6, 30),
            by=None,
        )
