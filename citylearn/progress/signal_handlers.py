from citylearn.progress.services import complete_course_if_done
from citylearn.quizzes.models import Quiz
from citylearn.quizzes.signals import quiz_passed


def complete_course_on_quiz_passed(sender, *, quiz, user, **kwargs) -> None:
    """Passing the final quiz may be the last step of a course."""
    complete_course_if_done(user=user, course=quiz.course)


def connect() -> None:
    quiz_passed.connect(
        complete_course_on_quiz_passed,
        sender=Quiz,
        dispatch_uid="progress-complete-course-on-quiz-passed",
    )
