"""Reading the answers of a daily set from a form: `q-N` holds the places of the choices."""

from django.http import QueryDict
from django.utils.translation import gettext as _

from citylearn.quizzes.models import Question
from citylearn.quizzes.sheets import picked_places


def read_answers(
    questions: list[Question], data: QueryDict
) -> tuple[list[set[int]], list[tuple[int, str]]]:
    """The places picked for each question, and (question number, message) for each problem."""
    picked, errors = [], []
    for number, question in enumerate(questions, start=1):
        places = picked_places(question, data.getlist(f"q-{number}"))
        if places is None:
            errors.append(
                (number, _("The answer to question %(number)s could not be read.")
                 % {"number": number})
            )  # fmt: skip
            places = set()
        elif not places:
            errors.append(
                (number, _("Choose an answer to question %(number)s.")
                 % {"number": number})
            )  # fmt: skip
        picked.append(places)
    return picked, errors
