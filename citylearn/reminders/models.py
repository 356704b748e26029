from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from citylearn.reminders.enums import DeliveryState, ReminderKind


class Reminder(models.Model):
    """One reminder to a person about one assignment; it is also their on-site notice.

    The unique constraints are what makes a reminder go out once: every run inserts
    with ON CONFLICT DO NOTHING, so a second or concurrent run claims nothing.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        related_name="reminders",
        on_delete=models.CASCADE,
    )
    assignment = models.ForeignKey(
        "assignments.Assignment",
        verbose_name=_("assignment"),
        related_name="reminders",
        on_delete=models.CASCADE,
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    # For a due-soon reminder, the threshold it was sent for (REMINDER_DAYS_BEFORE).
    days_before = models.PositiveSmallIntegerField(_("days before"), default=0)
    # The day it was made: a manual reminder may be repeated on another day.
    made_on = models.DateField(_("made on"))
    due_on = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "assignment", "kind", "days_before"],
                condition=~Q(kind=ReminderKind.MANUAL),
                name="one_reminder_per_person_assignment_and_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "assignment", "made_on"],
                condition=Q(kind=ReminderKind.MANUAL),
                name="one_manual_reminder_per_person_assignment_and_day",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            # A run finds the reminders it claimed by their shared created_at.
            models.Index(fields=["created_at"]),
        ]

    def __str__(self):
        return f"{self.user} · {self.assignment} · {self.get_kind_display()}"

    @property
    def headline(self) -> str:
        """The reminder in one sentence, in the active language."""
        return headline(
            kind=self.kind,
            course=self.assignment.course.title,
            due_on=self.due_on,
            made_on=self.made_on,
        )


def headline(*, kind: str, course: str, due_on, made_on) -> str:
    """A reminder in one sentence; a function so that a run need not load models."""
    values = {"course": course, "date": date_format(due_on, "Y-m-d")}
    if kind == ReminderKind.DUE_SOON:
        days = (due_on - made_on).days
        if days <= 0:
            return gettext("The course “%(course)s” is due today (%(date)s).") % values
        return ngettext(
            "The course “%(course)s” is due on %(date)s, in %(days)d day.",
            "The course “%(course)s” is due on %(date)s, in %(days)d days.",
            days,
        ) % {**values, "days": days}
    if kind == ReminderKind.MANUAL:
        return (
            gettext(
                "Your training officer reminds you that the course “%(course)s” "
                "was due on %(date)s."
            )
            % values
        )
    return (
        gettext("The course “%(course)s” was due on %(date)s and is not completed yet.")
        % values
    )


class Delivery(models.Model):
    """A reminder sent through one channel.

    pending → sending → sent, or back to pending with a later next_attempt_at, or
    failed after the last attempt; a delivery left in sending by a dead worker
    becomes unknown (see citylearn.reminders.delivery).
    """

    reminder = models.ForeignKey(
        Reminder,
        verbose_name=_("reminder"),
        related_name="deliveries",
        on_delete=models.CASCADE,
    )
    channel = models.CharField(_("channel"), max_length=20)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=DeliveryState.choices,
        default=DeliveryState.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "channel"],
                name="one_delivery_per_reminder_and_channel",
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.reminder} · {self.channel} · {self.get_state_display()}"
