from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.audit.enums import AuditAction

APPEND_ONLY = "The audit log is append-only: entries cannot be changed or deleted."


class AppendOnlyError(Exception):
    """Raised by any attempt to change or delete audit entries through the ORM."""


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(APPEND_ONLY)

    def delete(self):
        raise AppendOnlyError(APPEND_ONLY)

    def about(self, user) -> "AuditEntryQuerySet":
        return self.filter(models.Q(actor=user) | models.Q(target_user=user))


class AuditEntry(models.Model):
    """Who did what to whom, when and from where. Written once, never changed."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # No database constraint and no cascade: deleting an account must neither fail
    # because it is logged nor rewrite the log; the labels keep who it was.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_label = models.CharField(_("who (as logged)"), max_length=200, blank=True)
    action = models.CharField(
        _("what"), max_length=40, choices=AuditAction.choices, db_index=True
    )
    target_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whom"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    target_label = models.CharField(_("whom (as logged)"), max_length=300, blank=True)
    address = models.GenericIPAddressField(_("from where"), null=True, blank=True)
    detail = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["actor_label"]),
            models.Index(fields=["target_label"]),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError(APPEND_ONLY)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(APPEND_ONLY)
