from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PasswordStamp(models.Model):
    """When a person last set their password, for periodic change."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="password_stamp",
    )
    changed_at = models.DateTimeField(_("password changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("password change date")
        verbose_name_plural = _("password change dates")

    def __str__(self):
        return f"{self.user} {self.changed_at:%Y-%m-%d}"
