from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewItem(models.Model):
    """One citing item (a page or a question) to review after one amendment."""

    change = models.ForeignKey(
        "laws.ProvisionChange",
        verbose_name=_("amendment"),
        related_name="review_items",
        on_delete=models.CASCADE,
    )
    # The specific model of the item: a lesson, explainer, case, register entry, question.
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    flagged_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        related_name="+",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    class Meta:
        verbose_name = _("item to review")
        verbose_name_plural = _("items to review")
        ordering = ["change", "content_type", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["change", "content_type", "object_id"],
                name="one_review_per_change_and_item",
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.change} · {self.content_type.model} {self.object_id}"


class Refresher(models.Model):
    """A refresher assigned after an amendment: one per amendment and course."""

    change = models.ForeignKey(
        "laws.ProvisionChange",
        verbose_name=_("amendment"),
        related_name="refreshers",
        on_delete=models.CASCADE,
    )
    course = models.ForeignKey(
        "courses.CoursePage", related_name="+", on_delete=models.PROTECT
    )
    assignment = models.OneToOneField(
        "assignments.Assignment", related_name="refresher", on_delete=models.PROTECT
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["change", "course"], name="one_refresher_per_change_and_course"
            )
        ]

    def __str__(self):
        return f"{self.change} · {self.course}"
