"""A learner's progress: started courses, completed lessons, completed courses.

Rows carry a little denormalised data (the course on a lesson completion, the local
date and year on a course completion) so that reports over many thousands of staff
are single grouped queries on indexed columns, with no walk of the page tree.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A learner started a course: created once, on the first start."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="enrolments",
        on_delete=models.PROTECT,
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="enrolments",
        on_delete=models.CASCADE,
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    # Where "continue where I left off" leads: the lesson the learner opened last.
    last_lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("last lesson opened"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    last_visited_at = models.DateTimeField(_("last visited at"), default=timezone.now)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_enrolment_per_learner_and_course"
            )
        ]
        indexes = [models.Index(fields=["course", "started_at"])]

    def __str__(self):
        return f"{self.user} · {self.course}"


class LessonCompletion(models.Model):
    """A learner completed a lesson: recorded once, whatever the number of clicks."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="lesson_completions",
        on_delete=models.PROTECT,
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        related_name="completions",
        on_delete=models.CASCADE,
    )
    # The lesson's course, so that per-course progress is counted without the page tree.
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="lesson_completions",
        on_delete=models.CASCADE,
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "lesson"], name="one_completion_per_learner_and_lesson"
            )
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self):
        return f"{self.user} · {self.lesson}"


class CourseCompletion(models.Model):
    """A learner completed a course: recorded once, with its time and the hours it earned."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="course_completions",
        on_delete=models.PROTECT,
    )
    # Completions are training records: a course that has any cannot be deleted.
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="completions",
        on_delete=models.PROTECT,
    )
    completed_at = models.DateTimeField(_("completed at"))
    # The local date and year of completed_at: due dates and annual hours compare these.
    completed_on = models.DateField(_("completed on"))
    year = models.PositiveSmallIntegerField(_("year"))
    # The course's hours when it was completed; a later edit of the course changes nothing.
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=4, decimal_places=1
    )

    class Meta:
        verbose_name = _("course completion")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"], name="one_completion_per_learner_and_course"
            )
        ]
        indexes = [
            models.Index(fields=["year", "user"]),
            models.Index(fields=["course", "completed_on"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.course} · {self.completed_on}"


class CheckpointPass(models.Model):
    """A learner answered a lesson's checkpoint question right: recorded once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        related_name="checkpoint_passes",
        on_delete=models.PROTECT,
    )
    question = models.ForeignKey(
        "quizzes.Question",
        verbose_name=_("question"),
        related_name="checkpoint_passes",
        on_delete=models.CASCADE,
    )
    # Where it was answered, for "My data"; the pass itself belongs to the question.
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        related_name="checkpoint_passes",
        on_delete=models.CASCADE,
    )
    passed_at = models.DateTimeField(_("passed at"), default=timezone.now)

    class Meta:
        verbose_name = _("checkpoint passed")
        verbose_name_plural = _("checkpoints passed")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question"], name="one_pass_per_learner_and_checkpoint"
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.question}"
