"""Migration quizzes.0007: existing quizzes get a sensible answers_shown."""

import pytest

from citylearn.quizzes.enums import AnswersShown
from citylearn.quizzes.models import Quiz
from tests.builders.learning import make_course
from tests.builders.quizzes import make_bank
from tests.migrations import migrate

BEFORE = [("quizzes", "0006_lists_edited_as_lines")]
AFTER = [("quizzes", "0007_answers_shown_when")]


@pytest.mark.django_db(transaction=True)
def test_exams_wait_for_the_last_attempt_and_score_only_stays_so():
    bank = make_bank(3)
    old = migrate(BEFORE).get_model("quizzes", "Quiz")
    rules = {
        "practice": {},
        "limited": {"max_attempts": 3},
        "timed": {"time_limit_minutes": 20},
        "score-only": {"max_attempts": 3, "show_after_submit": "score"},
    }
    for title, fields in rules.items():
        old.objects.create(
            course_id=make_course(lessons=0).pk,
            bank_id=bank.pk,
            title=title,
            draw=1,
            pass_mark=50,
            **{"show_after_submit": "answers", **fields},
        )
    migrate(AFTER)
    assert dict(Quiz.objects.values_list("title", "answers_shown")) == {
        "practice": AnswersShown.AFTER_EACH_ATTEMPT,
        "limited": AnswersShown.AFTER_LAST_ATTEMPT,
        "timed": AnswersShown.AFTER_LAST_ATTEMPT,
        "score-only": AnswersShown.NEVER,
    }
