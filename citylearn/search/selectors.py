from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from citylearn.cases.models import CaseStudyPage
from citylearn.courses.enums import Audience
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.explainers.models import ExplainerPage, GlossaryPage, GlossaryTerm
from citylearn.quizzes.models import SelfCheckPage
from citylearn.register.models import RegisterEntryPage
from citylearn.search.models import SearchDocument
from citylearn.search.text import MAX_QUERY_LENGTH, query_grams

SNIPPET_RADIUS = 60
# The kinds of page a visitor may narrow a search to, by the name used in the URL.
TYPES = {
    "explainer": ExplainerPage,
    "case": CaseStudyPage,
    "register": RegisterEntryPage,
    "course": CoursePage,
    "self-check": SelfCheckPage,
    "glossary": GlossaryPage,
}


@dataclass(frozen=True)
class SearchHit:
    title: SafeString
    url: str
    kind: str
    snippet: SafeString


@dataclass(frozen=True)
class TypeCount:
    name: str
    label: str
    count: int


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    results: "SearchResults | None" = None
    types: list[TypeCount] = field(default_factory=list)
    too_short: bool = False
    truncated: bool = False


def public_pages():
    """Pages anyone may find: never lessons or staff courses, whoever is searching."""
    staff_courses = CoursePage.objects.filter(audience=Audience.STAFF).values("id")
    return (
        Page.objects.live()
        .public()
        .not_type(LessonPage)
        .exclude(id__in=staff_courses)
        .exclude(depth__lte=1)
    )


def search_public_content(
    raw_query: str, type_name: str = "", *, request=None
) -> SearchOutcome:
    """Public pages holding every two-character gram of the query, title matches first.

    Counted in the database and fetched a page of results at a time (SearchResults);
    type_name, one of TYPES or empty for all, narrows the results; the count of each
    type is always of the whole search.
    """
    query = " ".join(raw_query.split())
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    grams = query_grams(query)
    if not grams:
        return SearchOutcome(query=query, truncated=truncated)
    if all(len(gram) == 1 and not gram.isascii() for gram in grams):
        return SearchOutcome(query=query, too_short=True, truncated=truncated)
    counts = FullTextMatch(grams).count_by_content_type()
    content_types = ContentType.objects.get_for_models(*TYPES.values())
    types = [
        TypeCount(
            name=name,
            label=str(model._meta.verbose_name),
            count=counts.get(content_types[model].pk, 0),
        )
        for name, model in TYPES.items()
    ]
    if type_name:
        content_type_id = content_types[TYPES[type_name]].pk
        total = counts.get(content_type_id, 0)
    else:
        content_type_id, total = None, sum(counts.values())
    match = FullTextMatch(grams, content_type_id=content_type_id)
    results = SearchResults(
        match, query=query, grams=grams, total=total, request=request
    )
    return SearchOutcome(query=query, results=results, types=types, truncated=truncated)


class FullTextMatch:
    """The indexed pages holding every gram, in SQL for the index each database has."""

    def __init__(self, grams: list[str], content_type_id: int | None = None):
        self.grams = grams
        self.content_type_id = content_type_id
        if connection.vendor == "postgresql":
            # Grams hold only letters and digits (text.TOKEN): quoting them is enough.
            terms = " & ".join(f"'{gram}'" for gram in grams)
            self.source = "site_search_searchdocument d"
            self.condition = "d.grams_vector @@ CAST(%s AS tsquery)"
            self.position = "strpos"
        else:
            terms = " AND ".join(f'"{gram}"' for gram in grams)
            self.source = (
                "site_search_fts JOIN site_search_searchdocument d "
                "ON d.page_id = site_search_fts.rowid"
            )
            self.condition = "site_search_fts MATCH %s"
            self.position = "instr"
        self.params = [terms]

    def from_where(self) -> tuple[str, list]:
        sql = (
            f"FROM {self.source} JOIN wagtailcore_page p ON p.id = d.page_id "
            # The index holds public pages only (services.index_page); p.live is
            # cheap and belt and braces.
            f"WHERE {self.condition} AND p.live"
        )
        params = list(self.params)
        if self.content_type_id is not None:
            sql += " AND p.content_type_id = %s"
            params.append(self.content_type_id)
        return sql, params

    def count_by_content_type(self) -> dict[int, int]:
        sql, params = self.from_where()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT p.content_type_id, COUNT(*) {sql} GROUP BY p.content_type_id",
                params,
            )
            return dict(cursor.fetchall())

    def page_ids(self, offset: int, limit: int) -> list[int]:
        """Title matches first, then summary matches, each newest first.

        Not ts_rank or bm25: on PostgreSQL ranking reads every match's whole vector
        again, which at ten times the content cost more than the search itself, and
        both databases order alike.
        """
        sql, params = self.from_where()

        def holds_every_gram(column):
            return " AND ".join(
                f"{self.position}(lower({column}), %s) > 0" for _ in self.grams
            )

        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.page_id {sql} ORDER BY CASE "
                f"WHEN {holds_every_gram('p.title')} THEN 0 "
                f"WHEN {holds_every_gram('d.summary')} THEN 1 ELSE 2 END, "
                "p.last_published_at DESC, d.page_id LIMIT %s OFFSET %s",
                [*params, *self.grams, *self.grams, limit, offset],
            )
            return [row[0] for row in cursor.fetchall()]


class SearchResults:
    """The hits of one search, counted and sliced in the database, for a Paginator."""

    def __init__(self, match: FullTextMatch, *, query, grams, total, request=None):
        self.match = match
        self.query = query
        self.grams = grams
        self.total = total
        # Wagtail keeps the sites' root paths on the request for all the URLs.
        self.request = request

    def count(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[SearchHit]:
        start, stop = window.start or 0, window.stop
        if stop <= start:
            return []
        ids = self.match.page_ids(offset=start, limit=stop - start)
        documents = (
            SearchDocument.objects.filter(page_id__in=ids)
            .select_related("page")
            .defer("grams")
        )
        found = {document.page_id: document for document in documents}
        return [self._hit(found[pk]) for pk in ids]

    def _hit(self, document) -> SearchHit:
        page, query, grams = document.page, self.query, self.grams
        if page.specific_class is GlossaryPage:
            term = _matching_term(query, grams)
            if term is not None:
                return SearchHit(
                    title=highlight(term.term, query, grams),
                    url=f"{page.get_url(self.request)}#{term.slug}",
                    kind=str(GlossaryTerm._meta.verbose_name),
                    snippet=highlight(
                        _excerpt(term.definition, query, grams), query, grams
                    ),
                )
        return SearchHit(
            title=highlight(page.title, query, grams),
            url=page.get_url(self.request),
            kind=str(page.specific_class._meta.verbose_name),
            snippet=highlight(_excerpt(document.summary, query, grams), query, grams),
        )


def _matching_term(query: str, grams: list[str]) -> GlossaryTerm | None:
    """The glossary term a search is after: named exactly, named in part, then defined."""
    wanted = query.lower()
    terms = GlossaryTerm.objects.only("term", "slug", "aliases", "definition")
    best, best_rank = None, 4
    for term in terms:
        names = [name.lower() for name in (term.term, *term.aliases)]
        text = " ".join([*names, term.definition.lower()])
        if wanted in names:
            rank = 0
        elif any(wanted in name for name in names):
            rank = 1
        elif wanted in term.definition.lower():
            rank = 2
        elif all(gram in text for gram in grams):
            rank = 3
        else:
            continue
        if rank < best_rank:
            best, best_rank = term, rank
    return best


def _excerpt(text: str, query: str, grams: list[str]) -> str:
    lowered = text.lower()
    positions = [lowered.find(term) for term in (query.lower(), *grams)]
    found = [position for position in positions if position >= 0]
    if not found:
        return text[: 2 * SNIPPET_RADIUS]
    start = max(min(found) - SNIPPET_RADIUS, 0)
    prefix = "…" if start else ""
    suffix = "…" if start + 2 * SNIPPET_RADIUS < len(text) else ""
    return prefix + text[start : start + 2 * SNIPPET_RADIUS] + suffix


def highlight(text: str, query: str, grams: list[str]) -> SafeString:
    """Escape text and wrap the query (or else its grams) in <mark>."""
    lowered = text.lower()
    terms = [query] if query.lower() in lowered else [g for g in grams if len(g) > 1]
    spans = []
    for term in filter(None, (term.lower() for term in terms)):
        start = lowered.find(term)
        while start >= 0:
            spans.append([start, start + len(term)])
            start = lowered.find(term, start + len(term))
    merged = []
    for span in sorted(spans):
        if merged and span[0] <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], span[1])
        else:
            merged.append(span)
    parts, position = [], 0
    for start, end in merged:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every chunk is escaped above
