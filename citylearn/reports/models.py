from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DepartmentSnapshot(models.Model):
    """A day's figures of a department, rolled up over its subtree.

    A beat task refreshes them every few minutes; a later run on the same day
    overwrites the day's row, so the trend keeps the day's last figures and the
    unfiltered dashboard reads today's instead of computing them again.
    """

    date = models.DateField(_("date"))
    department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("department"),
        related_name="snapshots",
        on_delete=models.CASCADE,
    )
    people = models.PositiveIntegerField(_("people"), default=0)
    assigned = models.PositiveIntegerField(_("assigned"), default=0)
    completed_on_time = models.PositiveIntegerField(_("completed on time"), default=0)
    completed_late = models.PositiveIntegerField(_("completed late"), default=0)
    in_progress = models.PositiveIntegerField(_("in progress"), default=0)
    not_started = models.PositiveIntegerField(_("not started"), default=0)
    overdue = models.PositiveIntegerField(_("overdue"), default=0)
    hours_earned = models.DecimalField(
        _("credit hours earned this year"), max_digits=10, decimal_places=1, default=0
    )
    hours_target = models.DecimalField(
        _("credit-hour target for the year"),
        max_digits=10,
        decimal_places=1,
        default=0,
    )
    # Sum and count of best final-quiz scores, so that the average can be rebuilt.
    score_total = models.DecimalField(
        _("sum of best quiz scores"), max_digits=12, decimal_places=2, default=0
    )
    scored = models.PositiveIntegerField(_("people with a quiz score"), default=0)
    # The people of the subtree furthest behind an even pace, furthest first: their
    # primary keys, hours earned, target and hours behind, as text.
    behind = models.JSONField(_("people furthest behind"), default=list, blank=True)
    # Where the department stood in the tree when the figures were taken: the
    # dashboard serves them only while its children are still the same.
    path = models.CharField(_("path"), max_length=255, blank=True)
    numchild = models.PositiveIntegerField(_("number of sub-departments"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"), default=timezone.now)

    class Meta:
        verbose_name = _("department snapshot")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "date"],
                name="one_snapshot_per_department_and_day",
            )
        ]

    def __str__(self):
        return f"{self.department} · {self.date}"

    @property
    def completion_rate(self) -> int:
        done = self.completed_on_time + self.completed_late
        return round(done * 100 / self.assigned) if self.assigned else 0


class DigestDelivery(models.Model):
    """A head's weekly digest, claimed before it is sent: one per head and ISO week.

    The unique constraint, not a prior check, is what keeps two runs (a retried
    beat, two workers) from both sending: the second insert fails and sends nothing.
    """

    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("department head"),
        related_name="+",
        on_delete=models.CASCADE,
    )
    iso_year = models.PositiveSmallIntegerField(_("ISO year"))
    iso_week = models.PositiveSmallIntegerField(_("ISO week"))
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("weekly digest sent")
        verbose_name_plural = _("weekly digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["head", "iso_year", "iso_week"],
                name="one_digest_per_head_and_week",
            )
        ]

    def __str__(self):
        return f"{self.head} · {self.iso_year}-W{self.iso_week:02d}"
