from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentSnapshot(models.Model):
    """One day's figures of a department, rolled up over its subtree, for the trend.

    Written once a day by a beat task; a second run on the same day overwrites the
    day's row instead of adding one.
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
