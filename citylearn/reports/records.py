"""A person's training record, as they and the officers over them read it."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet, Sum

from citylearn.assignments.models import AssignedPerson
from citylearn.organisation.models import StaffProfile
from citylearn.progress.models import CourseCompletion, Enrolment
from citylearn.progress.selectors import course_completions, enrolments_in_progress
from citylearn.quizzes.models import Attempt
from citylearn.reports.selectors import person_target


@dataclass(frozen=True)
class YearHours:
    year: int
    earned: Decimal


@dataclass(frozen=True)
class TrainingRecord:
    target: Decimal
    assignments: QuerySet[AssignedPerson]
    in_progress: QuerySet[Enrolment]
    completions: QuerySet[CourseCompletion]
    hours: list[YearHours]
    attempts: QuerySet[Attempt]


def training_record(
    *, user: AbstractBaseUser, profile: StaffProfile, today: datetime.date
) -> TrainingRecord:
    """Everything about a person's training, with history; never their quiz answers."""
    target = (
        StaffProfile.objects.filter(pk=profile.pk)
        .annotate(target=person_target())
        .values_list("target", flat=True)
        .get()
    )
    return TrainingRecord(
        target=target,
        # Released and withdrawn rows stay on the record, marked as history.
        assignments=AssignedPerson.objects.filter(user=user)
        .with_status(today)
        .select_related(
            "assignment__course",
            "assignment__department",
            "late_reason",
            "user__staff_profile__department",
        )
        .order_by("-due_on", "-pk"),
        in_progress=enrolments_in_progress(user=user),
        completions=course_completions(user=user),
        hours=[
            YearHours(year=line["year"], earned=line["earned"])
            for line in CourseCompletion.objects.filter(user=user)
            .values("year")
            .annotate(earned=Sum("credit_hours"))
            .order_by("-year")
        ],
        # Only the score and the outcome leave the quiz app: no answers, no questions.
        attempts=Attempt.objects.graded()
        .filter(user=user)
        .select_related("quiz")
        .only("number", "score", "passed", "graded_at", "quiz__title")
        .order_by("-graded_at"),
    )
