from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from citylearn.cases.enums import GovernanceRisk, Region, Theme
from citylearn.cases.forms import CaseFilterForm
from citylearn.core.fields import ChoiceListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage


class CaseStudyIndexPage(SectionIndexPage):
    """The case-study library."""

    subpage_types = ["cases.CaseStudyPage"]

    class Meta:
        verbose_name = _("case-study library")

    def cache_query_parameters(self, context):
        return list(CaseFilterForm.base_fields)


class CaseStudyPage(MarkdownBody, BasePage):
    summary = models.TextField(_("summary"))
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    country = models.CharField(_("country"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_cases",
        verbose_name=_("provisions cited"),
    )
    themes = ChoiceListField(_("themes"), default=list, options=Theme.choices)
    governance_risks = ChoiceListField(
        _("governance risks"), default=list, blank=True, options=GovernanceRisk.choices
    )
    related_courses = ParentalManyToManyField(
        "courses.CoursePage",
        verbose_name=_("related courses"),
        blank=True,
        related_name="related_cases",
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date someone last checked the text against its sources."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("city"),
                FieldPanel("region"),
                FieldPanel("country"),
                FieldPanel("year"),
                FieldPanel("themes"),
                FieldPanel("governance_risks"),
            ],
            heading=_("Facts"),
        ),
        FieldPanel("body"),
        FieldPanel("provisions"),
        FieldPanel("references"),
        FieldPanel("last_reviewed"),
        FieldPanel("related_courses", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_explainers", label=_("Related explainers")),
    ]

    parent_page_types = ["cases.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")

    def search_text_parts(self):
        return [self.title, self.summary, self.city, self.country, self.body]

    @property
    def theme_labels(self) -> list[tuple[str, str]]:
        """(slug, label) of the case's known themes, in its order."""
        return [
            (theme, Theme(theme).label)
            for theme in self.themes
            if theme in Theme.values
        ]


class CaseExplainer(Orderable):
    """An explainer a case study points its readers to, in the editor's order."""

    case = ParentalKey(
        CaseStudyPage, related_name="related_explainers", on_delete=models.CASCADE
    )
    explainer = models.ForeignKey(
        "explainers.ExplainerPage",
        verbose_name=_("explainer"),
        related_name="+",
        on_delete=models.CASCADE,
    )

    panels = [FieldPanel("explainer")]

    class Meta(Orderable.Meta):
        verbose_name = _("related explainer")


class RiskExplainer(models.Model):
    """The explainer a case study's readers are sent to about one governance risk."""

    risk = models.CharField(
        _("governance risk"), max_length=40, choices=GovernanceRisk.choices, unique=True
    )
    explainer = models.ForeignKey(
        "explainers.ExplainerPage",
        verbose_name=_("explainer"),
        # Deleting an explainer must not wait on a table its editor may never have
        # seen: the risk keeps its row and is shown unlinked until another is chosen.
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("risk"), FieldPanel("explainer")]

    class Meta:
        verbose_name = _("explainer of a governance risk")
        verbose_name_plural = _("explainers of governance risks")
        ordering = ["risk"]

    def __str__(self):
        return str(GovernanceRisk(self.risk).label)
