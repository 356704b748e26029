from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citylearn.quizzes.models.banks import Choice, Question
from citylearn.quizzes.models.quizzes import Quiz


class Candidate(models.Model):
    """A learner's standing for one quiz; its row is locked while an attempt starts."""

    quiz = models.ForeignKey(Quiz, related_name="candidates", on_delete=models.CASCADE)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.CASCADE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("candidate")
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user"], name="one_candidate_per_quiz"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.quiz}"


class AttemptQuerySet(models.QuerySet):
    def graded(self):
        return self.filter(graded_at__isnull=False)

    def open(self):
        return self.filter(graded_at__isnull=True)


class Attempt(models.Model):
    """One sitting of a quiz, its questions fixed when it starts."""

    quiz = models.ForeignKey(Quiz, related_name="attempts", on_delete=models.PROTECT)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="quiz_attempts", on_delete=models.CASCADE
    )
    number = models.PositiveIntegerField(_("attempt number"))
    started_at = models.DateTimeField(_("started at"))
    # The server's deadline: from the time limit or the quiz's closing time, if any.
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    graded_at = models.DateTimeField(_("graded at"), null=True, blank=True)
    score = models.DecimalField(
        _("score (percent)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        verbose_name = _("attempt")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user", "number"], name="unique_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["quiz", "user"],
                condition=models.Q(graded_at__isnull=True),
                name="one_open_attempt_per_quiz",
            ),
            models.CheckConstraint(
                condition=models.Q(graded_at__isnull=True)
                | (models.Q(score__isnull=False) & models.Q(passed__isnull=False)),
                name="graded_attempt_has_a_score",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user} · {self.number}"

    @property
    def is_graded(self) -> bool:
        return self.graded_at is not None


class AttemptQuestion(models.Model):
    """A question as drawn for one attempt: its place, its choices' order, the answer."""

    attempt = models.ForeignKey(
        Attempt, related_name="attempt_questions", on_delete=models.CASCADE
    )
    question = models.ForeignKey(Question, related_name="+", on_delete=models.PROTECT)
    position = models.PositiveIntegerField(_("position"))
    # Choice ids in the order this learner sees them; the browser only ever sees places.
    choice_order = models.JSONField(default=list)
    selected = models.ManyToManyField(
        Choice, through="SelectedChoice", related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    points = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="unique_attempt_position"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="question_drawn_once_per_attempt"
            ),
        ]

    def __str__(self):
        return f"{self.attempt} · {self.position}"


class SelectedChoice(models.Model):
    attempt_question = models.ForeignKey(AttemptQuestion, on_delete=models.CASCADE)
    # A learner's recorded answer outlives any edit of the question.
    choice = models.ForeignKey(Choice, related_name="+", on_delete=models.PROTECT)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["attempt_question", "choice"], name="choice_selected_once"
            )
        ]

    def __str__(self):
        return f"{self.attempt_question} · {self.choice_id}"
