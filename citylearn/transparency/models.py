from django.db import models
from django.utils.translation import gettext_lazy as _

# Below this many people a group's figures could point at individuals.
MIN_GROUP_SIZE = 5


class TrainingSnapshot(models.Model):
    """The public training figures as computed on one day; only the latest is shown."""

    taken_on = models.DateField(_("taken on"), unique=True)
    taken_at = models.DateTimeField(_("taken at"))
    # None where publishing the figure would reveal a group smaller than MIN_GROUP_SIZE.
    people = models.PositiveIntegerField(_("staff"), null=True)
    trained = models.PositiveIntegerField(_("trained"), null=True)
    completed_mandatory = models.PositiveIntegerField(
        _("completed the mandatory data-security course"), null=True
    )

    class Meta:
        verbose_name = _("training figures")
        verbose_name_plural = _("training figures")
        ordering = ["-taken_on"]

    def __str__(self):
        return str(self.taken_on)


class CategoryFigures(models.Model):
    """One department category's figures in a snapshot, or the fact that they are withheld."""

    snapshot = models.ForeignKey(
        TrainingSnapshot, related_name="categories", on_delete=models.CASCADE
    )
    category = models.CharField(_("department category"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"))
    suppressed = models.BooleanField(_("withheld to protect small groups"))
    people = models.PositiveIntegerField(_("staff"), null=True)
    trained = models.PositiveIntegerField(_("trained"), null=True)
    completed_mandatory = models.PositiveIntegerField(
        _("completed the mandatory data-security course"), null=True
    )

    class Meta:
        verbose_name = _("department category figures")
        ordering = ["snapshot", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "category"], name="one_row_per_category"
            ),
            models.CheckConstraint(
                condition=models.Q(suppressed=False)
                | models.Q(
                    people__isnull=True,
                    trained__isnull=True,
                    completed_mandatory__isnull=True,
                ),
                name="withheld_figures_are_not_stored",
            ),
        ]

    def __str__(self):
        return self.category

    @property
    def completion_percent(self) -> int | None:
        if not self.people:
            return None
        return round(100 * self.completed_mandatory / self.people)
