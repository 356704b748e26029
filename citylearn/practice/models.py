"""Daily practice: each learner's place in the Leitner schedule, their daily sets and answers.

Practice is separate from exams: nothing here is an attempt, and nothing here
completes a course or earns hours.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.practice.leitner import FIRST_BOX, LAST_BOX


class Card(models.Model):
    """One question in one learner's schedule: its box and when it is due again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="practice_cards",
        on_delete=models.PROTECT,
    )
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        related_name="practice_cards",
        on_delete=models.CASCADE,
    )
    box = models.PositiveSmallIntegerField(
        _("box"),
        default=FIRST_BOX,
        validators=[MinValueValidator(FIRST_BOX), MaxValueValidator(LAST_BOX)],
    )
    due_on = models.DateField(_("due on"))
    last_answered_on = models.DateField(_("last answered on"))

    class Meta:
        verbose_name = _("practice card")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"], name="one_card_per_learner_and_question"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.question} · {self.box}"


class DailySet(models.Model):
    """One learner's questions for one day, fixed when the day's page is first opened."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="daily_sets",
        on_delete=models.PROTECT,
    )
    day = models.DateField(_("day"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily practice set")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "day"], name="one_daily_set_per_learner_and_day"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.day}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class DailySetItem(models.Model):
    daily_set = models.ForeignKey(
        DailySet, related_name="items", on_delete=models.CASCADE
    )
    question = models.ForeignKey(
        "quizzes.Question", related_name="+", on_delete=models.CASCADE
    )
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        verbose_name = _("daily practice question")
        ordering = ["daily_set", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["daily_set", "position"], name="one_question_per_set_position"
            ),
            models.UniqueConstraint(
                fields=["daily_set", "question"], name="one_place_per_set_question"
            ),
        ]

    def __str__(self):
        return f"{self.daily_set} · {self.position}"


class PracticeAnswer(models.Model):
    """A learner's answer to a practice question on one day: never an exam attempt."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="practice_answers",
        on_delete=models.PROTECT,
    )
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        related_name="practice_answers",
        on_delete=models.CASCADE,
    )
    # The ids of the choices picked, so that an answer survives a reordering of choices.
    chosen = models.JSONField(_("choices picked"), default=list)
    is_correct = models.BooleanField(_("correct"))
    answered_at = models.DateTimeField(_("answered at"), default=timezone.now)
    day = models.DateField(_("day"))

    class Meta:
        verbose_name = _("practice answer")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question", "day"],
                name="one_practice_answer_per_question_and_day",
            )
        ]
        indexes = [models.Index(fields=["question", "is_correct"])]

    def __str__(self):
        return f"{self.user} · {self.question} · {self.day}"
