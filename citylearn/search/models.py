from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """The searchable text of one public page: a row exists exactly for public_pages().

    The full-text index lives beside it, created in migration 0001 for each database:
    on SQLite the FTS5 table site_search_fts, kept in step by triggers; on PostgreSQL
    the generated column grams_vector with a GIN index. Neither is known to Django, so
    a migration that rebuilds this table on SQLite must recreate them.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    grams = models.TextField(_("searchable text as two-character grams"))

    class Meta:
        verbose_name = _("search document")

    def __str__(self):
        return f"search document of page {self.page_id}"
