"""Reading daily practice: which questions a learner may practise, their sets and streak."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Substr

from citylearn.assignments.selectors import assignments_of
from citylearn.practice.leitner import CardState, streak
from citylearn.practice.models import Card, DailySet, PracticeAnswer
from citylearn.progress.selectors import course_completions
from citylearn.quizzes.models import Question
from citylearn.quizzes.selectors import SheetQuestion, course_bank_questions
from citylearn.quizzes.sheets import marked_sheet as quiz_marked_sheet


def practice_course_ids(*, user: AbstractBaseUser, today: datetime.date) -> set[int]:
    """The courses the learner has completed or is assigned now."""
    completed = course_completions(user=user).values_list("course_id", flat=True)
    assigned = assignments_of(user=user, today=today).values_list(
        "assignment__course_id", flat=True
    )
    return set(completed) | set(assigned)


def practice_questions(
    *, user: AbstractBaseUser, today: datetime.date
) -> QuerySet[Question]:
    """The active questions of the banks of the learner's own courses: nothing else."""
    return course_bank_questions(course_ids=practice_course_ids(user=user, today=today))


def card_states(*, user: AbstractBaseUser, question_ids) -> list[CardState]:
    return [
        CardState(*row)
        for row in Card.objects.filter(user=user, question_id__in=question_ids)
        .order_by("question_id")
        .values_list("question_id", "box", "due_on", "last_answered_on")
    ]


def set_questions(daily_set: DailySet) -> list[Question]:
    """The set's questions in its order, their choices loaded."""
    items = daily_set.items.select_related("question").prefetch_related(
        "question__choices"
    )
    return [item.question for item in items]


def set_results(daily_set: DailySet) -> list[SheetQuestion]:
    """A completed set marked with the answers given, and the explanations."""
    questions = set_questions(daily_set)
    chosen = dict(
        PracticeAnswer.objects.filter(
            user_id=daily_set.user_id, day=daily_set.day, question__in=questions
        ).values_list("question_id", "chosen")
    )
    picked = []
    for question in questions:
        ids = set(chosen.get(question.pk, []))
        picked.append(
            {
                place
                for place, choice in enumerate(question.choices.all(), start=1)
                if choice.pk in ids
            }
        )
    return quiz_marked_sheet(questions, picked)


def completed_days(
    *, user: AbstractBaseUser, today: datetime.date
) -> list[datetime.date]:
    """The days, up to today, on which the learner completed the day's set."""
    return list(
        DailySet.objects.filter(
            user=user, completed_at__isnull=False, day__lte=today
        ).values_list("day", flat=True)
    )


def streak_of(*, user: AbstractBaseUser, today: datetime.date) -> int:
    """Consecutive days with a completed set, up to today; shown to the learner only."""
    return streak(completed_days(user=user, today=today), today=today)


def practice_answer_counts(*, top, child_length: int) -> list[dict]:
    """Practice answers by provision cited, child subtree of top and person, in one query.

    The shape of quizzes.provision_statistics' sources, so the per-article figures
    count practice beside exam answers.
    """
    path = "user__staff_profile__department__path"
    return list(
        PracticeAnswer.objects.filter(
            question__provisions__isnull=False, **{f"{path}__startswith": top.path}
        )
        .annotate(
            provision_id=F("question__provisions"),
            subtree=Substr(path, 1, child_length),
        )
        .values("provision_id", "subtree", "user_id")
        .annotate(answers=Count("id"), correct=Count("id", filter=Q(is_correct=True)))
    )
