from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.core.fields import TextListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage


class RegisterIndexPage(SectionIndexPage):
    """The public register of algorithms and data systems used on people's data."""

    subpage_types = ["register.RegisterEntryPage"]

    class Meta:
        verbose_name = _("algorithm register")

    def get_context(self, request, *args, **kwargs):
        from citylearn.register.forms import RegisterFilterForm
        from citylearn.register.selectors import register_departments, register_entries

        context = super().get_context(request, *args, **kwargs)
        form = RegisterFilterForm(
            request.GET or None, departments=register_departments(self)
        )
        filters = form.filters() if form.is_bound else {}
        context["filter_form"] = form
        context["filtered"] = bool(filters)
        context["entries"] = register_entries(self, **filters)
        return context

    def cache_query_parameters(self, context):
        return list(context["filter_form"].fields)


class RegisterEntryPage(MarkdownBody, BasePage):
    summary = models.TextField(_("summary"))
    is_example = models.BooleanField(
        _("illustrative example"),
        default=True,
        help_text=_("Shown as an example until the district's real system is entered."),
    )
    department = models.CharField(_("responsible department"), max_length=200)
    purpose = models.TextField(_("purpose"))
    data_used = TextListField(_("data used"), default=list)
    data_sources = models.TextField(_("where the data comes from"))
    automated_decision = models.BooleanField(
        _("makes or proposes decisions about people")
    )
    human_oversight = models.TextField(_("human oversight"))
    risks = TextListField(_("known risks"), default=list)
    safeguards = TextListField(_("safeguards"), default=list)
    retention = models.TextField(_("retention"))
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_register_entries",
        verbose_name=_("provisions cited"),
    )
    how_to_object = models.TextField(_("how to ask for an explanation or object"))
    explainer = models.CharField(_("matching explainer slug"), max_length=100)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("is_example"),
        MultiFieldPanel(
            [
                FieldPanel("department"),
                FieldPanel("purpose"),
                FieldPanel("data_used"),
                FieldPanel("data_sources"),
                FieldPanel("automated_decision"),
                FieldPanel("human_oversight"),
                FieldPanel("risks"),
                FieldPanel("safeguards"),
                FieldPanel("retention"),
                FieldPanel("how_to_object"),
                FieldPanel("explainer"),
            ],
            heading=_("The system"),
        ),
        FieldPanel("body"),
        FieldPanel("provisions"),
        FieldPanel("references"),
    ]

    parent_page_types = ["register.RegisterIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("register entry")

    def search_text_parts(self):
        return [self.title, self.summary, self.purpose, self.department, self.body]

    def get_context(self, request, *args, **kwargs):
        from citylearn.explainers.selectors import index_url, live_explainers

        context = super().get_context(request, *args, **kwargs)
        context["explainer_page"] = next(iter(live_explainers([self.explainer])), None)
        context["index_url"] = index_url("register")
        return context
