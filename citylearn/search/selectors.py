from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from citylearn.courses.enums import Audience
from citylearn.courses.models import CoursePage, LessonPage
from citylearn.search.text import MAX_QUERY_LENGTH, query_grams

MAX_RESULTS = 50
SNIPPET_RADIUS = 60


@dataclass(frozen=True)
class SearchHit:
    title: SafeString
    url: str
    kind: str
    snippet: SafeString


@dataclass(frozen=True)
class SearchOutcome:
    query: str
    hits: list[SearchHit]
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


def search_public_content(raw_query: str) -> SearchOutcome:
    """Public pages matching every two-character gram of the query, title matches first."""
    query = " ".join(raw_query.split())
    truncated = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    grams = query_grams(query)
    if not grams:
        return SearchOutcome(query=query, hits=[], truncated=truncated)
    if all(len(gram) == 1 and not gram.isascii() for gram in grams):
        return SearchOutcome(query=query, hits=[], too_short=True, truncated=truncated)
    # specific(): one query per page type found, not one per hit.
    pages = list(
        public_pages().specific().search(" ".join(grams), operator="and")[:MAX_RESULTS]
    )
    # Python's sort is stable: within each group the backend's relevance order stays.
    pages.sort(key=lambda page: not _contains(page.title, query, grams))
    hits = [
        SearchHit(
            title=highlight(page.title, query, grams),
            url=page.url,
            kind=str(page.specific_class._meta.verbose_name),
            snippet=highlight(_excerpt(_summary_of(page), query, grams), query, grams),
        )
        for page in pages
    ]
    return SearchOutcome(query=query, hits=hits, truncated=truncated)


def _summary_of(page) -> str:
    for name in ("summary", "intro", "search_description"):
        text = getattr(page, name, "")
        if text:
            return text
    return getattr(page, "body", "")


def _contains(text: str, query: str, grams: list[str]) -> bool:
    lowered = text.lower()
    return query.lower() in lowered or all(gram in lowered for gram in grams)


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
    marked = [False] * len(text)
    for term in terms:
        term = term.lower()
        start = lowered.find(term)
        while term and start >= 0:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = lowered.find(term, start + len(term))
    parts, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and marked[j] == marked[i]:
            j += 1
        chunk = escape(text[i:j])
        parts.append(f"<mark>{chunk}</mark>" if marked[i] else chunk)
        i = j
    return mark_safe("".join(parts))  # noqa: S308 - every chunk is escaped above
