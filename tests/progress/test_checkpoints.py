"""Credit for mastery: a course completed by answering the checkpoints in its lessons."""

import pytest

from citylearn.certificates.models import Certificate
from citylearn.courses.enums import CompletionRule
from citylearn.progress.models import CheckpointPass, CourseCompletion, LessonCompletion
from citylearn.progress.selectors import has_met_course_requirements
from citylearn.progress.services import complete_lesson
from citylearn.progress.signals import course_completed
from citylearn.quizzes.models import Attempt
from citylearn.quizzes.services import start_attempt, submit_attempt
from tests.builders.learning import make_course, make_lesson
from tests.builders.people import make_user
from tests.builders.quizzes import correct_places, make_bank, make_quiz
from tests.practice.builders import places

pytestmark = pytest.mark.django_db


def build(rule=CompletionRule.CHECKPOINTS_PASSED):
    """A 3-hour course, two lessons with checkpoints (one and two), a final quiz."""
    course = make_course(lessons=0, credit_hours=3, completion_rule=rule)
    bank = make_bank(size=4)
    quiz = make_quiz(bank, course=course, max_attempts=None)
    a, b, c, __ = bank.questions.all()
    first = make_lesson(course, checkpoints=[a.key])
    second = make_lesson(course, checkpoints=[b.key, c.key])
    return course, quiz, [(first, [a]), (second, [b, c])]


def pass_quiz(learner, quiz):
    attempt = start_attempt(quiz=quiz, user=learner)
    submit_attempt(attempt=attempt, answers=correct_places(attempt))


def answer(client, lesson, number, question, *, right=True):
    picked = places(question, right=right)
    return client.post(
        f"/my/lessons/{lesson.pk}/checkpoints/{number}/",
        {"answer": [str(place) for place in picked]},
    )


def test_the_lesson_page_shows_its_checkpoint_and_no_mark_as_read(client):
    __, __, [(lesson, [question]), __] = build()
    client.force_login(make_user())
    page = client.get(lesson.url).content.decode()
    assert question.stem in page
    assert f'action="/my/lessons/{lesson.pk}/checkpoints/1/"' in page
    assert f"/my/lessons/{lesson.pk}/complete/" not in page


def test_a_wrong_answer_shows_the_explanation_and_gives_no_credit(client):
    course, quiz, [(lesson, [question]), __] = build()
    learner = make_user()
    client.force_login(learner)

    response = answer(client, lesson, 1, question, right=False)

    assert response.status_code == 200
    assert f"Explanation of {question.key}" in response.content.decode()
    assert not CheckpointPass.objects.exists()
    assert not LessonCompletion.objects.exists()


def test_marking_a_checkpoint_lesson_read_is_refused(client):
    __, __, [(lesson, __), __] = build()
    learner = make_user()
    client.force_login(learner)
    response = client.post(f"/my/lessons/{lesson.pk}/complete/")
    assert response.status_code == 302
    assert response["Location"] == lesson.url
    assert not LessonCompletion.objects.exists()


def test_mastery_credit_is_awarded_once_when_every_checkpoint_is_passed(
    client, django_capture_on_commit_callbacks
):
    course, quiz, [(first, [a]), (second, [b, c])] = build()
    sent = []

    def count(sender, completion, **kwargs):
        sent.append(completion.pk)

    course_completed.connect(count, dispatch_uid="test-count")
    learner = make_user()
    client.force_login(learner)
    pass_quiz(learner, quiz)

    answer(client, first, 1, a)
    assert LessonCompletion.objects.filter(user=learner, lesson=first).exists()
    answer(client, second, 1, b)
    assert not LessonCompletion.objects.filter(user=learner, lesson=second).exists()
    assert not CourseCompletion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        last = answer(client, second, 2, c)
        again = answer(client, second, 2, c)
    course_completed.disconnect(dispatch_uid="test-count")

    assert last.status_code == again.status_code == 200
    completion = CourseCompletion.objects.get(user=learner)
    assert completion.credit_hours == 3
    assert CheckpointPass.objects.filter(user=learner).count() == 3
    # The certificate follows from the one course_completed sent.
    assert sent == [completion.pk]
    assert Certificate.objects.filter(completion=completion).count() == 1
    assert Attempt.objects.filter(user=learner).count() == 1


def test_checkpoints_without_the_final_quiz_do_not_complete_the_course(
    client, django_capture_on_commit_callbacks
):
    course, quiz, lessons = build()
    learner = make_user()
    client.force_login(learner)
    for lesson, questions in lessons:
        for number, question in enumerate(questions, start=1):
            answer(client, lesson, number, question)
    assert LessonCompletion.objects.filter(user=learner).count() == 2
    assert not CourseCompletion.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        pass_quiz(learner, quiz)
    assert CourseCompletion.objects.filter(user=learner).count() == 1


def test_lessons_read_before_the_rule_changed_still_need_their_checkpoints():
    course, quiz, lessons = build(rule=CompletionRule.LESSONS_READ)
    learner = make_user()
    pass_quiz(learner, quiz)
    course.completion_rule = CompletionRule.CHECKPOINTS_PASSED
    course.save_revision().publish()
    # Marked read under the old rule: recorded, but not yet enough.
    LessonCompletion.objects.bulk_create(
        LessonCompletion(user=learner, lesson=lesson, course=course)
        for lesson, __ in lessons
    )
    assert not has_met_course_requirements(user=learner, course=course)


def test_an_unknown_checkpoint_number_or_another_lessons_question_is_not_found(
    client,
):
    __, __, [(first, __), (second, [b, __])] = build()
    client.force_login(make_user())
    assert answer(client, first, 2, b).status_code == 404
    assert answer(client, first, 0, b).status_code == 404
    response = client.post(f"/my/lessons/{first.pk}/checkpoints/1/", {"answer": "x"})
    assert response.status_code == 302
    assert not CheckpointPass.objects.exists()


def test_a_lessons_read_course_is_unchanged(client):
    course, quiz, lessons = build(rule=CompletionRule.LESSONS_READ)
    learner = make_user()
    client.force_login(learner)
    pass_quiz(learner, quiz)
    (first, [a]), (second, __) = lessons
    # A checkpoint may still be answered, but reading is what counts.
    answer(client, first, 1, a)
    assert not LessonCompletion.objects.exists()
    page = client.get(first.url).content.decode()
    assert f"/my/lessons/{first.pk}/complete/" in page
    for lesson, __ in lessons:
        complete_lesson(user=learner, lesson=lesson)
    assert CourseCompletion.objects.get(user=learner).credit_hours == 3
