from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.cases.enums import Region
from citylearn.core.models import BasePage, MarkdownBody


class CaseStudyIndexPage(BasePage):
    """The case-study library."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    subpage_types = ["cases.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case-study library")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cases"] = CaseStudyPage.objects.child_of(self).live().order_by("-year")
        return context


class CaseStudyPage(MarkdownBody, BasePage):
    summary = models.TextField(_("summary"))
    city = models.CharField(_("city"), max_length=100)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    country = models.CharField(_("country"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    themes = models.JSONField(_("themes"), default=list)
    governance_risks = models.JSONField(_("governance risks"), default=list, blank=True)
    related_courses = models.JSONField(_("related course slugs"), default=list, blank=True)
    related_explainers = models.JSONField(
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
