"""The quizzes app's models, one module per concern; import them from here."""

from citylearn.quizzes.models.attempts import (
    Attempt,
    AttemptQuestion,
    Candidate,
    SelectedChoice,
)
from citylearn.quizzes.models.banks import Choice, Question, QuestionBank
from citylearn.quizzes.models.pages import SelfCheckPage
from citylearn.quizzes.models.quizzes import Quiz, QuizDraw

__all__ = [
    "Attempt",
    "AttemptQuestion",
    "Candidate",
    "Choice",
    "Question",
    "QuestionBank",
    "Quiz",
    "QuizDraw",
    "SelectedChoice",
    "SelfCheckPage",
]
