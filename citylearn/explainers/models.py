from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from citylearn.core.fields import TextListField
from citylearn.core.models import BasePage, MarkdownBody, SectionIndexPage
from citylearn.core.selectors import readable_by_anyone
from citylearn.explainers.enums import Topic
from citylearn.explainers.glossary import pinyin_reading


class ExplainerIndexPage(SectionIndexPage):
    """Data-rights explainers, grouped by topic."""

    subpage_types = ["explainers.ExplainerPage"]

    class Meta:
        verbose_name = _("explainer index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        explainers = readable_by_anyone(ExplainerPage.objects.child_of(self)).order_by(
            "title"
        )
        by_topic = {topic: [] for topic in Topic}
        for explainer in explainers:
            by_topic[explainer.topic].append(explainer)
        context["topics"] = [
            (topic.label, pages) for topic, pages in by_topic.items() if pages
        ]
        return context


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
    related = TextListField(_("related explainer slugs"), default=list, blank=True)

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
        FieldPanel("related"),
        FieldPanel("references"),
    ]

    parent_page_types = ["explainers.ExplainerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("data-rights explainer")

    def search_text_parts(self):
        return [self.title, self.summary, " ".join(self.key_points), self.body]

    def get_context(self, request, *args, **kwargs):
        from citylearn.explainers.selectors import (
            body_with_glossary,
            index_url,
            live_explainers,
        )

        context = super().get_context(request, *args, **kwargs)
        context["body"] = body_with_glossary(self.body_html)
        context["related_explainers"] = live_explainers(self.related)
        context["index_url"] = index_url("explainer")
        return context


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
    reading = models.CharField(
        _("reading in pinyin"), max_length=400, editable=False, default=""
    )

    panels = [
        FieldPanel("term"),
        FieldPanel("slug"),
        FieldPanel("aliases"),
        FieldPanel("definition"),
        FieldPanel("source"),
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
