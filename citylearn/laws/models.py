from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.laws.numerals import article_number


class Law(models.Model):
    """A law or regulation whose articles the site cites."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    # Letters name the law as it is promulgated: 《中华人民共和国个人信息保护法》.
    full_title = models.CharField(
        _("full title"),
        max_length=200,
        blank=True,
        help_text=_("The title as promulgated, e.g. 中华人民共和国个人信息保护法."),
    )
    official_url = models.URLField(_("official text"), max_length=500)
    # Laws are listed in the order content/laws/ gives them.
    position = models.PositiveIntegerField(_("position"), default=0)

    panels = [
        FieldPanel("key"),
        FieldPanel("title"),
        FieldPanel("full_title"),
        FieldPanel("official_url"),
    ]

    class Meta:
        verbose_name = _("law")
        verbose_name_plural = _("laws")
        ordering = ["position", "key"]

    def __str__(self):
        return self.title

    @property
    def promulgated_title(self) -> str:
        return self.full_title or self.title


class Provision(models.Model):
    """One article of a law (or an exact excerpt of it) that content cites by key."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    law = models.ForeignKey(
        Law, related_name="provisions", on_delete=models.PROTECT, verbose_name=_("law")
    )
    article = models.CharField(
        _("article"), max_length=40, help_text=_("e.g. 第四十五条")
    )
    # The article's number for ordering, read from `article` on save.
    number = models.PositiveIntegerField(_("article number"), default=0, editable=False)
    heading = models.CharField(_("what it is about"), max_length=120)
    text = models.TextField(_("text"))
    is_excerpt = models.BooleanField(
        _("exact excerpt"),
        default=False,
        help_text=_(
            "Tick when the text is an exact part of the article, not all of it."
        ),
    )
    effective_from = models.DateField(_("in force from"))
    version = models.CharField(
        _("version"), max_length=120, help_text=_("e.g. 2021年8月20日通过")
    )
    source_url = models.URLField(_("official source"), max_length=500)
    checked_on = models.DateField(_("checked against the source on"))

    panels = [
        FieldPanel("law"),
        FieldPanel("key"),
        FieldPanel("article"),
        FieldPanel("heading"),
        MultiFieldPanel(
            [
                FieldPanel("text"),
                FieldPanel("is_excerpt"),
                FieldPanel("version"),
                FieldPanel("effective_from"),
            ],
            heading=_("Text in force"),
            help_text=_(
                "Saving a new text, version or date records an amendment and marks "
                "what cites this provision for review."
            ),
        ),
        MultiFieldPanel(
            [FieldPanel("source_url"), FieldPanel("checked_on")], heading=_("Source")
        ),
    ]

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")
        ordering = ["law__position", "law__key", "number", "key"]

    def __str__(self):
        return f"{self.law.title}{self.article}"

    def save(self, *args, **kwargs):
        self.number = article_number(self.article) or 0
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laws:provision", args=[self.key])


class ProvisionChange(models.Model):
    """One amendment of a provision: what its text, version and date were and became."""

    provision = models.ForeignKey(
        Provision, related_name="changes", on_delete=models.CASCADE
    )
    old_text = models.TextField(_("old text"))
    new_text = models.TextField(_("new text"))
    old_version = models.CharField(_("old version"), max_length=120)
    new_version = models.CharField(_("new version"), max_length=120)
    old_effective_from = models.DateField(_("old date in force"))
    new_effective_from = models.DateField(_("new date in force"), null=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("changed by"),
    )

    class Meta:
        verbose_name = _("provision change")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.provision} · {self.old_version} → {self.new_version}"
