from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from citylearn.core.fields import TextListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage
from citylearn.explainers.enums import Topic
from citylearn.explainers.glossary import pinyin_reading


class ExplainerIndexPage(SectionIndexPage):
    """Data-rights explainers, grouped by topic."""

    subpage_types = ["explainers.ExplainerPage"]

    class Meta:
        verbose_name = _("explainer index")


class ExplainerPage(MarkdownBody, BasePage):
    summary = models.TextField(_("summary"))
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    key_points = TextListField(_("your rights in one minute"), default=list)
    steps = TextListField(_("steps to exercise the right"), default=list)
    time_limits = models.TextField(_("time limits"))
    provisions = ParentalManyToManyField(
        "laws.Provision",
        blank=True,
        related_name="cited_by_explainers",
        verbose_name=_("provisions cited"),
    )
    where_to_complain = models.TextField(_("where to complain"))
    last_reviewed = models.DateField(_("last reviewed"))
    reviewer = models.CharField(_("reviewer"), max_length=200)

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("topic"),
        FieldPanel("key_points"),
        FieldPanel("body"),
        FieldPanel("provisions"),
        FieldPanel("steps"),
        FieldPanel("time_limits"),
        FieldPanel("where_to_complain"),
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("reviewer")], heading=_("Review")
        ),
        InlinePanel("related", label=_("Related explainers")),
        FieldPanel("references"),
    ]

    parent_page_types = ["explainers.ExplainerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("data-rights explainer")

    def search_text_parts(self):
        return [self.title, self.summary, " ".join(self.key_points), self.body]


class RelatedExplainer(Orderable):
    """Another explainer an explainer points to, in the editor's order."""

    page = ParentalKey(ExplainerPage, related_name="related", on_delete=models.CASCADE)
    explainer = models.ForeignKey(
        ExplainerPage,
        verbose_name=_("explainer"),
        related_name="+",
        on_delete=models.CASCADE,
    )

    panels = [FieldPanel("explainer")]

    class Meta(Orderable.Meta):
        verbose_name = _("related explainer")


class GlossaryPage(SectionIndexPage):
    """All glossary terms on one page, each with its own anchor."""

    subpage_types = []

    class Meta:
        verbose_name = _("glossary")

    def search_text_parts(self):
        terms = GlossaryTerm.objects.values_list("term", "aliases", "definition")
        return [
            self.title,
            *(
                " ".join([term, *aliases, definition])
                for term, aliases, definition in terms
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["terms"] = GlossaryTerm.objects.all()
        return context


class GlossaryTerm(models.Model):
    """A term with its definition, listed in the pinyin order of a Chinese dictionary."""

    term = models.CharField(_("term"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    aliases = TextListField(_("other forms"), default=list, blank=True)
    definition = models.TextField(_("definition"))
    source = models.CharField(_("source"), max_length=300, blank=True)
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("The date someone last checked the text against its sources."),
    )
    reading = models.CharField(
        _("reading in pinyin"), max_length=400, editable=False, default=""
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("aliases"),
        FieldPanel("definition"),
        FieldPanel("source"),
        FieldPanel("last_reviewed"),
    ]

    class Meta:
        verbose_name = _("glossary term")
        ordering = ["reading", "term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.reading = pinyin_reading(self.term)
        super().save(*args, **kwargs)

    @property
    def initial(self) -> str:
        """The letter of the index the term is listed under: A to Z, or # for others."""
        first = self.reading[:1].upper()
        return first if "A" <= first <= "Z" else "#"
