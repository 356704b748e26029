import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Exists, F, FilteredRelation, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.assignments.enums import (
    AssignmentChangeKind,
    AssignmentStatus,
    LateReasonKind,
)
from citylearn.core.validators import visible_characters_only
from citylearn.progress.models import CourseCompletion


class Assignment(models.Model):
    """A course people must complete by a due date: a department subtree, or named people.

    Who is covered is materialised as AssignedPerson rows, so reports group and filter
    on one indexed table; people who join the subtree later get a row of their own.
    """

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        related_name="assignments",
        on_delete=models.PROTECT,
    )
    # The due date of everybody covered when the assignment is made.
    due_on = models.DateField(_("due on"))
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("department subtree"),
        related_name="assignments",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Everyone in this department and below it, now and later."),
    )
    mandatory = models.BooleanField(_("mandatory"), default=True)
    # People who join the subtree later are due this many days after joining it.
    days_after_joining = models.PositiveSmallIntegerField(
        _("days allowed after joining"), default=30
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
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
        constraints = [
            models.UniqueConstraint(
                fields=["course", "department"],
                condition=Q(withdrawn_at__isnull=True, department__isnull=False),
                name="one_active_assignment_per_course_and_department",
            )
        ]

    def __str__(self):
        return f"{self.course} · {self.due_on:%Y-%m-%d}"


class AssignedPersonQuerySet(models.QuerySet):
    def outstanding(self) -> "AssignedPersonQuerySet":
        """Rows still to be done: current, of active staff, course not completed."""
        completed = CourseCompletion.objects.filter(
            user=OuterRef("user"), course=OuterRef("assignment__course")
        )
        return self.filter(
            released_on__isnull=True,
            assignment__withdrawn_at__isnull=True,
            user__staff_profile__is_active=True,
        ).exclude(Exists(completed))

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
                enrolment=FilteredRelation(
                    "user__enrolments",
                    condition=Q(user__enrolments__course=same_course),
                ),
            )
            .annotate(completed_on=F("completion__completed_on"))
            .annotate(
                status=Case(
                    When(
                        completed_on__lte=F("due_on"),
                        then=Value(AssignmentStatus.COMPLETED_ON_TIME),
                    ),
                    When(
                        completed_on__isnull=False,
                        then=Value(AssignmentStatus.COMPLETED_LATE),
                    ),
                    When(
                        due_on__lt=today,
                        then=Value(AssignmentStatus.OVERDUE),
                    ),
                    When(
                        enrolment__isnull=False,
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
    # This person's own due date: the assignment's, counted from their joining for a
    # later joiner, or moved by an extension for them alone.
    due_on = models.DateField(_("due on"))
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    # Set when the person left the assignment's subtree before completing it: the row
    # is kept as history but no longer counts in reports.
    released_on = models.DateField(_("no longer required from"), null=True, blank=True)

    objects = AssignedPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("assigned person")
        verbose_name_plural = _("assigned people")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "user"], name="one_row_per_assignment_and_person"
            )
        ]
        indexes = [
            models.Index(fields=["user", "assignment"]),
            models.Index(fields=["assignment", "due_on"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.assignment}"

    @property
    def status_label(self) -> str:
        """The label of the status annotated by with_status()."""
        return AssignmentStatus(self.status).label


class AssignmentChange(models.Model):
    """One line of an assignment's history, as the officer reads it."""

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        related_name="changes",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(
        _("change"), max_length=20, choices=AssignmentChangeKind.choices
    )
    # The person a change concerns alone; empty for a change of the whole assignment.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    old_due_on = models.DateField(_("old due date"), null=True, blank=True)
    new_due_on = models.DateField(_("new due date"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment change")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.assignment} · {self.get_kind_display()}"


class LateReason(models.Model):
    """Why a person is late with an assignment, and by when they will finish it.

    Only the latest word is kept: the officer acts on what the person says now, and
    an extension granted from it is kept in the assignment's history with its reason.
    """

    assigned = models.OneToOneField(
        AssignedPerson,
        verbose_name=_("assigned person"),
        related_name="late_reason",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("reason"), max_length=20, choices=LateReasonKind.choices)
    text = models.CharField(
        _("explanation"),
        max_length=200,
        blank=True,
        validators=[visible_characters_only],
    )
    committed_on = models.DateField(_("will complete by"))
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("reason for being late")
        verbose_name_plural = _("reasons for being late")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=LateReasonKind.OTHER) | ~Q(text=""),
                name="late_reason_other_needs_text",
            )
        ]

    def __str__(self):
        return f"{self.assigned} · {self.get_kind_display()}"
