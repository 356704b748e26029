from django.urls import reverse

from citylearn.core.markup import INDEX_SLUGS
from citylearn.core.selectors import readable_by_anyone
from citylearn.explainers.glossary import LinkedBody, Term, link_glossary_terms
from citylearn.explainers.models import ExplainerPage, GlossaryTerm
from citylearn.pagecache.services import cached_lookup


def index_url(kind: str) -> str:
    """The URL of a content area's index page in the current language, without a query."""
    return reverse("wagtail_serve", args=[f"{INDEX_SLUGS[kind]}/"])


def live_explainers(slugs: list[str]) -> list[ExplainerPage]:
    """The live explainers with these slugs, in the order given; unknown slugs are skipped."""
    # Links only: the title and where the page lives, not its whole content.
    pages = readable_by_anyone(ExplainerPage.objects.filter(slug__in=slugs))
    found = {page.slug: page for page in pages.only("title", "slug", "url_path")}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def glossary_terms() -> list[Term]:
    """Every glossary term: every uncached page view reads them all."""
    rows = cached_lookup(
        "explainers:glossary-terms",
        lambda: list(
            GlossaryTerm.objects.values_list("term", "slug", "aliases", "definition")
        ),
    )
    return [Term(*row) for row in rows]


def body_with_glossary(body_html: str) -> LinkedBody:
    """A page body whose first use of each glossary term links to its definition."""
    return link_glossary_terms(
        body_html, glossary_terms(), glossary_url=index_url("glossary")
    )
