from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from citylearn.core import site_structure
from citylearn.core.enums import SiteFact
from citylearn.core.fields import ChoiceListField
from citylearn.core.markup import render_markdown
from citylearn.core.selectors import readable_by_anyone, view_restrictions_exist
from citylearn.pagecache.decorators import mark_public
from citylearn.search.text import index_text

INDEX_SLUG_FIXED = _(
    "The address of this section must stay “%(slug)s”: links and the site's "
    "navigation are built from it. You may change the title."
)


class BasePage(Page):
    """What every page of the site shares."""

    search_fields = Page.search_fields + [index.SearchField("search_grams")]

    class Meta:
        abstract = True

    def search_text_parts(self) -> list[str]:
        """The texts a visitor may search this page by; pages add their own."""
        return [self.title]

    def clean(self):
        super().clean()
        area = site_structure.area_of_index_page(self)
        if area and self.slug != area.slug:
            raise ValidationError(
                {"slug": INDEX_SLUG_FIXED % {"slug": area.slug}}, code="index_slug"
            )

    def route(self, request, path_components):
        # Wagtail walks down one level at a time with two queries per level (the child,
        # then its specific row). Every page on the way has a known url_path, so fetch
        # them all in one query, then the last one's specific row. A page type with its
        # own routing (e.g. RoutablePageMixin) takes over from where it stands.
        if not path_components:
            return super().route(request, path_components)
        paths = [
            f"{self.url_path}{'/'.join(path_components[:depth])}/"
            for depth in range(1, len(path_components) + 1)
        ]
        on_the_way = {
            page.url_path: page for page in Page.objects.filter(url_path__in=paths)
        }
        for depth, url_path in enumerate(paths, start=1):
            page = on_the_way.get(url_path)
            if page is None:
                raise Http404
            model = page.specific_class
            if model is None or model.route is not BasePage.route:
                return page.specific.route(request, path_components[depth:])
        if not page.live:
            raise Http404
        return RouteResult(page.specific)

    def get_view_restrictions(self):
        # Wagtail looks for restrictions up the tree with two queries on every view;
        # citizens' pages are public, and knowing that none exist costs a cache read.
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def cache_query_parameters(self, context: dict) -> Collection[str]:
        """What the page is built from in the query string; the page cache keeps no
        copy of a request with any other parameter."""
        return ()

    def is_open_to_everyone(self) -> bool:
        """Whether an anonymous visitor may read this page; page types may narrow it."""
        return self.live and not self.get_view_restrictions().exists()

    @classmethod
    def open_to_everyone(cls, pages: PageQuerySet) -> PageQuerySet:
        """The pages of this type that is_open_to_everyone, in one query for a list."""
        return readable_by_anyone(pages)

    def serve(self, request, *args, **kwargs):
        # The same page for every visitor: the page cache and nginx may keep it.
        response = super().serve(request, *args, **kwargs)
        parameters = self.cache_query_parameters(response.context_data)
        return mark_public(response, query_parameters=parameters)

    def search_grams(self) -> str:
        return index_text(*self.search_text_parts())


class SectionIndexPage(BasePage):
    """The one index page of a public area, right under the home page."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["core.HomePage"]
    max_count = 1

    class Meta:
        abstract = True


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The three areas in one query; an area taken offline drops off the page, but
        # an editor previewing the home page sees the areas still in draft too.
        areas = {
            "learning_page": self.learning_page_id,
            "cases_page": self.cases_page_id,
            "explainers_page": self.explainers_page_id,
        }
        pages = Page.objects.all()
        if not getattr(request, "is_preview", False):
            pages = readable_by_anyone(pages)
        found = pages.in_bulk([pk for pk in areas.values() if pk])
        context.update({name: found.get(pk) for name, pk in areas.items()})
        return context


class InformationPage(MarkdownBody, BasePage):  # noqa: DJ008 - Page.__str__ is the title
    """About the site itself: who runs it, privacy, accessibility, how to get in touch.

    Written in content/about/ like the explainers; what only the operator knows (the
    contact address, how long logs are kept) comes from the settings, by name in `facts`,
    so the text never goes stale when the operator changes them.
    """

    summary = models.TextField(_("summary"), blank=True)
    last_reviewed = models.DateField(_("last reviewed"))
    facts = ChoiceListField(
        _("site facts shown"), options=SiteFact.choices, default=list, blank=True
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
        FieldPanel("facts"),
        FieldPanel("references"),
    ]

    parent_page_types = ["core.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("information page")

    def search_text_parts(self) -> list[str]:
        return [self.title, self.summary, self.body]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contact"] = SiteFact.CONTACT in self.facts and site_contact()
        context["retention"] = SiteFact.RETENTION in self.facts and {
            "audit_log_days": settings.AUDIT_LOG_RETENTION_DAYS,
            "idle_timeout_minutes": settings.IDLE_TIMEOUT_SECONDS // 60,
        }
        return context


def site_contact() -> dict[str, str]:
    """How visitors reach the operator, as configured; empty values are not shown."""
    return {"email": settings.CONTACT_EMAIL, "phone": settings.CONTACT_PHONE}
