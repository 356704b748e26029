from django.db import models
from django.utils.translation import gettext_lazy as _

COMMENT_MAX_LENGTH = 1000


class Feedback(models.Model):
    """One visitor's answer to "did this help?": no account, no address, only the day."""

    path = models.CharField(_("page"), max_length=255, db_index=True)
    language = models.CharField(_("language"), max_length=10)
    helpful = models.BooleanField(_("helpful"))
    comment = models.TextField(_("comment"), max_length=COMMENT_MAX_LENGTH, blank=True)
    # The day only: a time would let the row be matched to a web server's access log.
    submitted_on = models.DateField(_("submitted on"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-submitted_on", "-pk"]

    def __str__(self):
        return f"{self.path} · {'+' if self.helpful else '-'}"
