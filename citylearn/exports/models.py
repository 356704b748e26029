from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from citylearn.exports.enums import ExportFormat, ExportSource, ExportStatus


class Export(models.Model):
    """A large export written by a worker, for its requester only, until it expires.

    The rows are read again from `query` (the page's GET parameters) with the
    requester's scope at the time of writing; `paths` are the subtrees it covers,
    checked against the requester's scope again at download.
    """

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requester"),
        related_name="exports",
        on_delete=models.CASCADE,
    )
    source = models.CharField(
        _("exported page"), max_length=20, choices=ExportSource.choices
    )
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    query = models.TextField(_("filters"), blank=True)
    paths = models.JSONField(_("departments covered"), default=list)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ExportStatus.choices,
        default=ExportStatus.PENDING,
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows written"), default=0)
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file_name=""),
                name="export_ready_has_a_file",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.format} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (ExportStatus.READY, ExportStatus.FAILED)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 100 if self.finished else 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def download_name(self) -> str:
        return f"{self.source}-{self.created_at:%Y%m%d-%H%M}.{self.format}"
