from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.cases.enums import GovernanceRisk, Region, Theme
from citylearn.core.fields import ChoiceListField, TextListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage


class CaseStudyIndexPage(SectionIndexPage):
    """The case-study library."""

    subpage_types = ["cases.CaseStudyPage"]

    class Meta:
        verbose_name = _("case-study library")

    def get_context(self, request, *args, **kwargs):
        from citylearn.cases.forms import CaseFilterForm
        from citylearn.cases.selectors import library_cases, library_years

        context = super().get_context(request, *args, **kwargs)
        form = CaseFilterForm(request.GET or None, years=library_years(self))
        filters = form.filters() if form.is_bound else {}
        context["filter_form"] = form
        context["filtered"] = bool(filters)
        context["cases"] = library_cases(self, **filters)
        return context

    def cache_query_parameters(self, context):
        return list(context["filter_form"].fields)


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
    related_courses = TextListField(_("related course slugs"), default=list, blank=True)
    related_explainers = TextListField(
        _("related explainer slugs"), default=list, blank=True
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
        FieldPanel("related_courses"),
        FieldPanel("related_explainers"),
    ]

    parent_page_types = ["cases.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")

    def search_text_parts(self):
        return [self.title, self.summary, self.city, self.country, self.body]

    def get_context(self, request, *args, **kwargs):
        from citylearn.cases.risks import RISK_EXPLAINERS
        from citylearn.cases.selectors import live_courses
        from citylearn.explainers.selectors import (
            body_with_glossary,
            index_url,
            live_explainers,
        )

        context = super().get_context(request, *args, **kwargs)
        risk_slugs = [RISK_EXPLAINERS.get(risk) for risk in self.governance_risks]
        explainers = {
            page.slug: page
            for page in live_explainers(
                [*self.related_explainers, *filter(None, risk_slugs)]
            )
        }
        context["body"] = body_with_glossary(self.body_html)
        context["risks"] = [
            (GovernanceRisk(risk).label, explainers.get(slug))
            for risk, slug in zip(self.governance_risks, risk_slugs, strict=True)
            if risk in GovernanceRisk.values
        ]
        context["themes"] = [
            (theme, Theme(theme).label)
            for theme in self.themes
            if theme in Theme.values
        ]
        context["related_explainers"] = [
            explainers[slug] for slug in self.related_explainers if slug in explainers
        ]
        context["related_courses"] = live_courses(self.related_courses)
        context["index_url"] = index_url("case")
        return context
