from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedSource(models.Model):
    """What the importer last wrote from one source file, to import only what changed."""

    path = models.CharField(_("source path"), max_length=300, unique=True)
    source_hash = models.CharField(_("source hash"), max_length=64)
    page = models.OneToOneField(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_source",
    )
    # The revision the importer published: any later one was an editor's.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported source")

    def __str__(self):
        return self.path
