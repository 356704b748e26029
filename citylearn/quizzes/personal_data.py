"""The person's quiz attempts and the answers they gave, for "My data"."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from citylearn.accounts.personal_data import Section, register
from citylearn.quizzes.models import Attempt, AttemptQuestion


def _attempts(user) -> list[dict[str, Any]]:
    return [
        {
            "quiz": attempt.quiz.title,
            "number": attempt.number,
            "started_at": attempt.started_at,
            "submitted_at": attempt.submitted_at,
            "graded_at": attempt.graded_at,
            "score": attempt.score,
            "passed": attempt.passed,
        }
        for attempt in Attempt.objects.filter(user=user)
        .select_related("quiz")
        .order_by("started_at", "pk")
    ]


# Only the answers given: whether each was right would tell the correct answers
# before the quiz's review settings allow; the attempt's score is above.
def _answers(user) -> list[dict[str, Any]]:
    return [
        {
            "quiz": drawn.attempt.quiz.title,
            "attempt": drawn.attempt.number,
            "position": drawn.position,
            "question": drawn.question.stem,
            "answer": [choice.text for choice in drawn.selected.all()],
            "answered_at": drawn.answered_at,
        }
        for drawn in AttemptQuestion.objects.filter(attempt__user=user)
        .select_related("attempt__quiz", "question")
        .prefetch_related("selected")
        .order_by("attempt__started_at", "attempt__pk", "position")
    ]


register(
    Section(
        "quiz_attempts",
        _("Your quiz attempts"),
        _attempts,
        {
            "quiz": _("Quiz"),
            "number": _("Attempt no."),
            "started_at": _("Started"),
            "submitted_at": _("Submitted at"),
            "graded_at": _("Graded at"),
            "score": _("Score (percent)"),
            "passed": _("Passed"),
        },
        models=(Attempt,),
    )
)
register(
    Section(
        "quiz_answers",
        _("Your answers in quizzes"),
        _answers,
        {
            "quiz": _("Quiz"),
            "attempt": _("Attempt no."),
            "position": _("Question no."),
            "question": _("Question"),
            "answer": _("Your answer"),
            "answered_at": _("Answered at"),
        },
    )
)
