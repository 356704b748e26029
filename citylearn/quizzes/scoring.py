"""How one answer is marked; exact fractions, so that a pass mark is never missed by rounding."""

from fractions import Fraction

from citylearn.quizzes.enums import MultipleScoring, QuestionKind


def question_points(
    *,
    kind: str,
    scoring: str,
    correct: frozenset[int],
    wrong: frozenset[int],
    selected: frozenset[int],
) -> Fraction:
    """Points from 0 to 1 for the choices selected on one question.

    Partial credit on a multiple-choice question gives each correct choice picked
    1/(correct choices) and takes 1/(wrong choices) for each wrong one, never below 0:
    ticking every box scores 0, like ticking none.
    """
    if kind == QuestionKind.MULTIPLE and scoring == MultipleScoring.PARTIAL:
        earned = Fraction(len(selected & correct), len(correct))
        if wrong:
            earned -= Fraction(len(selected & wrong), len(wrong))
        return max(Fraction(0), earned)
    return Fraction(1) if selected == correct else Fraction(0)
