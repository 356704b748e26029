from django.urls import reverse

from citylearn.core.markup import INDEX_SLUGS
from citylearn.explainers.glossary import LinkedBody, Term, link_glossary_terms
from citylearn.explainers.models import ExplainerPage, GlossaryTerm


def index_url(kind: str) -> str:
    """The URL of a content area's index page in the current language, without a query."""
    return reverse("wagtail_serve", args=[f"{INDEX_SLUGS[kind]}/"])


def live_explainers(slugs: list[str]) -> list[ExplainerPage]:
    """The live explainers with these slugs, in the order given; unknown slugs are skipped."""
    found = {
        page.slug: page for page in ExplainerPage.objects.live().filter(slug__in=slugs)
    }
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


def body_with_glossary(body_html: str) -> LinkedBody:
    """A page body whose first use of each glossary term links to its definition."""
    # Plain rows, not model instances: every uncached page view reads all the terms.
    terms = GlossaryTerm.objects.values_list("term", "slug", "aliases", "definition")
    return link_glossary_terms(
        body_html, (Term(*row) for row in terms), glossary_url=index_url("glossary")
    )
