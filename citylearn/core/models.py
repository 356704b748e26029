from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from citylearn.core.markup import render_markdown
from citylearn.pagecache.decorators import mark_public
from citylearn.search.text import index_text


class BasePage(Page):
    """What every page of the site shares."""

    search_fields = Page.search_fields + [index.SearchField("search_grams")]

    class Meta:
        abstract = True

    def search_text_parts(self) -> list[str]:
        """The texts a visitor may search this page by; pages add their own."""
        return [self.title]

    def route(self, request, path_components):
        # A page that allows one type of child fetches it as that type in one query,
        # instead of Wagtail's two (the base page, then its specific row).
        child_models = self.specific_class.allowed_subpage_models()
        if path_components and len(child_models) == 1:
            child = (
                child_models[0]
                .objects.child_of(self)
                .filter(slug=path_components[0])
                .first()
            )
            if child is not None:
                child._cached_parent_obj = self
                return child.route(request, path_components[1:])
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        # The same page for every visitor: the page cache and nginx may keep it.
        return mark_public(super().serve(request, *args, **kwargs))

    def search_grams(self) -> str:
        return index_text(*self.search_text_parts())


class MarkdownBody(models.Model):
    """A Markdown body, stored as written and as sanitised HTML rendered on every save."""

    body = models.TextField(_("body (Markdown)"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    references = models.JSONField(
        _("references"),
        default=list,
        blank=True,
        help_text=_('A list of {"title": ..., "url": ...}.'),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        self.body_html = render_markdown(self.body)


class HomePage(BasePage):
    """The front door: leads staff to learning and citizens to cases and explainers."""

    intro = models.TextField(_("introduction"), blank=True)
    learning_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("learning area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cases_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("case studies area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    explainers_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("data-rights explainers area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("learning_page"),
                FieldPanel("cases_page"),
                FieldPanel("explainers_page"),
            ],
            heading=_("Areas"),
        ),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
