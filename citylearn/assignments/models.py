import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, F, FilteredRelation, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.assignments.enums import AssignmentStatus


class Assignment(models.Model):
    """A course someone must complete by a due date."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="assignments",
        on_delete=models.PROTECT,
    )
    due_on = models.DateField(_("due on"))
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("people"),
        through="AssignedPerson",
        related_name="course_assignments",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("assignment")
        indexes = [models.Index(fields=["due_on"])]

    def __str__(self):
        return f"{self.course} · {self.due_on:%Y-%m-%d}"


class AssignedPersonQuerySet(models.QuerySet):
    def with_status(self, today: datetime.date) -> "AssignedPersonQuerySet":
        """Annotate each row with completed_on and its AssignmentStatus, in the database.

        The person's completion and enrolment of the assigned course are LEFT JOINs on
        their (user, course) unique keys: one index probe per row, whatever the count.
        """
        same_course = F("assignment__course")
        return (
            self.alias(
                completion=FilteredRelation(
                    "user__course_completions",
                    condition=Q(user__course_completions__course=same_course),
                ),
                enrollment=FilteredRelation(
                    "user__enrollments",
                    condition=Q(user__enrollments__course=same_course),
                ),
            )
            .annotate(completed_on=F("completion__completed_on"))
            .annotate(
                status=Case(
                    When(
                        completed_on__lte=F("assignment__due_on"),
                        then=Value(AssignmentStatus.COMPLETED_ON_TIME),
                    ),
                    When(
                        completed_on__isnull=False,
                        then=Value(AssignmentStatus.COMPLETED_LATE),
                    ),
                    When(
                        assignment__due_on__lt=today,
                        then=Value(AssignmentStatus.OVERDUE),
                    ),
                    When(
                        enrollment__isnull=False,
                        then=Value(AssignmentStatus.IN_PROGRESS),
                    ),
                    default=Value(AssignmentStatus.NOT_STARTED),
                    output_field=models.CharField(),
                )
            )
        )


class AssignedPerson(models.Model):
    """One person named in an assignment; reports group and filter on these rows."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        related_name="assigned_people",
        on_delete=models.CASCADE,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="assigned_courses",
        on_delete=models.PROTECT,
    )

    objects = AssignedPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("assigned person")
        verbose_name_plural = _("assigned people")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"], name="one_row_per_assignment_and_person"
            )
        ]
        indexes = [models.Index(fields=["user", "assignment"])]

    def __str__(self):
        return f"{self.user} · {self.assignment}"

    @property
    def status_label(self) -> str:
        """The label of the status annotated by with_status()."""
        return AssignmentStatus(self.status).label
