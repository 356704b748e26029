"""Quiz statistics as CSV, safe to open in a spreadsheet."""

from collections.abc import Iterator

from citylearn.quizzes.statistics import QuizStatistics

QUESTION_COLUMNS = [
    "bank",
    "question",
    "kind",
    "stem",
    "responses",
    "facility",
    "discrimination",
    "flags",
    "choice",
    "choice_text",
    "correct",
    "picks",
    "pick_rate",
]
SCORE_COLUMNS = ["from_percent", "to_percent", "attempts"]


def question_rows(statistics: QuizStatistics) -> Iterator[list]:
    """One row per choice of every question answered, the question's figures repeated."""
    yield QUESTION_COLUMNS
    for item in statistics.questions:
        question = item.question
        for choice in item.choices:
            yield [
                question.bank.slug,
                question.key,
                question.kind,
                question.stem,
                item.responses,
                item.facility,
                "" if item.discrimination is None else item.discrimination,
                "; ".join(str(flag) for flag in item.flags),
                choice.place,
                choice.text,
                "yes" if choice.is_correct else "no",
                choice.picks,
                choice.pick_rate,
            ]


def score_rows(statistics: QuizStatistics) -> Iterator[list]:
    yield SCORE_COLUMNS
    for band in statistics.bands:
        yield [band.low, band.high, band.attempts]
