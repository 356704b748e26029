"""The map of the public site: its areas, their index pages, and how a Markdown link
to each kind of content becomes a path.

Everything that needs an area's address reads it here: the Markdown renderer, the URL
configuration, the navigation, the breadcrumbs, the importer and its checks, the test
builders. To add an area, add one `Area` to `AREAS`.

The index slugs are fixed: the admin refuses to rename, move or delete an index page
(`core.wagtail_hooks`), since links and the navigation are built from these slugs
without a query. Its title may change freely.
"""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class LinkKind:
    """A kind of Markdown link, `[text](kind:target)`, and the path it becomes."""

    name: str
    # `{index}` is the area's index slug and `{target}` what follows `kind:` in the link.
    path: str = "/{index}/{target}/"


@dataclass(frozen=True)
class Area:
    """One public area: an index page right under the home page, and its pages."""

    kind: str
    slug: str
    index_model: str  # "app_label.ModelName"
    # The model of the pages under the index that links of the area's kind name by slug.
    page_model: str
    # The title the importer gives the index page when it creates it.
    title: str
    link_kinds: tuple[LinkKind, ...] = ()
    nav_label: Promise | None = None
    # The home page's field that points at this index, if it has one.
    home_field: str = ""

    @property
    def index_page_model(self):
        return apps.get_model(self.index_model)

    @property
    def content_page_model(self):
        return apps.get_model(self.page_model) if self.page_model else None

    def index_url(self) -> str:
        """The index page's URL in the current language, without a query."""
        return reverse("wagtail_serve", args=[f"{self.slug}/"])


# In the order of the primary navigation (areas without a label are not in it).
AREAS = (
    Area(
        kind="explainer",
        slug="rights",
        index_model="explainers.ExplainerIndexPage",
        page_model="explainers.ExplainerPage",
        title="数据权利指南",
        link_kinds=(LinkKind("explainer"),),
        nav_label=_("Your data rights"),
        home_field="explainers_page",
    ),
    Area(
        kind="case",
        slug="cases",
        index_model="cases.CaseStudyIndexPage",
        page_model="cases.CaseStudyPage",
        title="案例库",
        link_kinds=(LinkKind("case"),),
        nav_label=_("Case studies"),
        home_field="cases_page",
    ),
    Area(
        kind="glossary",
        slug="glossary",
        index_model="explainers.GlossaryPage",
        # Its links name glossary terms, not pages.
        page_model="",
        title="术语表",
        link_kinds=(LinkKind("glossary", path="/{index}/#{target}"),),
        nav_label=_("Glossary"),
    ),
    Area(
        kind="register",
        slug="register",
        index_model="register.RegisterIndexPage",
        page_model="register.RegisterEntryPage",
        title="算法与数据系统登记",
        link_kinds=(LinkKind("register"),),
        nav_label=_("Algorithm register"),
    ),
    Area(
        kind="course",
        slug="learn",
        index_model="courses.CourseIndexPage",
        page_model="courses.CoursePage",
        title="课程学习",
        # A lesson's target is `course-slug/lesson-slug`.
        link_kinds=(LinkKind("course"), LinkKind("lesson")),
        nav_label=_("Learning for staff"),
        home_field="learning_page",
    ),
    Area(
        kind="letter",
        slug="letters",
        index_model="letters.LetterIndexPage",
        page_model="letters.LetterPage",
        title="写一封信行使你的权利",
        link_kinds=(LinkKind("letter"),),
    ),
)

# Records with public pages of their own that are not Wagtail pages: the laws app's
# provisions live at /laws/<key>/ (citylearn/laws/urls.py).
RECORD_LINK_KINDS = (LinkKind("provision"),)
LAWS_SLUG = "laws"

AREAS_BY_KIND = {area.kind: area for area in AREAS}
INDEX_SLUGS = {area.kind: area.slug for area in AREAS}
_LINKS = {
    **{link.name: (link, area.slug) for area in AREAS for link in area.link_kinds},
    **{link.name: (link, LAWS_SLUG) for link in RECORD_LINK_KINDS},
}
LINK_KINDS = tuple(_LINKS)


@dataclass(frozen=True)
class AboutPage:
    """A page about the site itself (content/about/), linked from every page's footer."""

    slug: str
    label: Promise


ABOUT_PAGES = (
    AboutPage("about", _("About this site")),
    AboutPage("privacy", _("Privacy")),
    AboutPage("accessibility", _("Accessibility")),
    AboutPage("contact", _("Contact us")),
)


def area(kind: str) -> Area:
    return AREAS_BY_KIND[kind]


def index_url(kind: str) -> str:
    """The URL of an area's index page in the current language, without a query."""
    return AREAS_BY_KIND[kind].index_url()


def content_link_path(kind: str, target: str) -> str:
    """The site path of a content piece named by link kind and target (its slug)."""
    link, index = _LINKS[kind]
    return link.path.format(index=index, target=target)


_AREAS_BY_INDEX_MODEL = {area.index_model.lower(): area for area in AREAS}


def area_of_index_page(page) -> Area | None:
    """The area whose index page this is (by its page type), or None."""
    return _AREAS_BY_INDEX_MODEL.get(page._meta.label_lower)


def index_page_models() -> list:
    """The page models of the areas' index pages, whose slugs are fixed."""
    return [area.index_page_model for area in AREAS]
