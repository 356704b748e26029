from citylearn.core.selectors import readable_by_anyone
from citylearn.core.site_structure import index_url
from citylearn.explainers.enums import Topic
from citylearn.explainers.glossary import LinkedBody, Term, link_glossary_terms
from citylearn.explainers.models import ExplainerPage, GlossaryTerm
from citylearn.pagecache.services import cached_lookup


def live_explainers_by_id(ids: list[int]) -> list[ExplainerPage]:
    """The live explainers with these ids, in the order given; others are skipped."""
    pages = readable_by_anyone(ExplainerPage.objects.filter(pk__in=ids))
    found = {page.pk: page for page in pages.only("title", "slug", "url_path")}
    return [found[pk] for pk in dict.fromkeys(ids) if pk in found]


def related_explainers(page: ExplainerPage) -> list[ExplainerPage]:
    """The live explainers an explainer points to, in the editor's order."""
    # Through the page's own relation, which a preview holds in memory.
    return live_explainers_by_id([link.explainer_id for link in page.related.all()])


def explainers_by_topic(index) -> list[tuple[str, list[ExplainerPage]]]:
    """(topic label, live explainers by title) of an index, for the topics it has."""
    explainers = readable_by_anyone(ExplainerPage.objects.child_of(index)).order_by(
        "title"
    )
    by_topic = {topic: [] for topic in Topic}
    for explainer in explainers:
        by_topic[explainer.topic].append(explainer)
    return [(topic.label, pages) for topic, pages in by_topic.items() if pages]


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
