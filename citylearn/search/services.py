from django.db import transaction
from wagtail.models import Page

from citylearn.pagecache.services import invalidate_public_pages
from citylearn.search.models import SearchDocument
from citylearn.search.selectors import public_pages


def index_page(page: Page) -> None:
    """Store a page's searchable text if it is public, else forget it."""
    if not public_pages().filter(pk=page.pk).exists():
        unindex_page(page)
        return
    page = page.specific
    SearchDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={"summary": summary_of(page), "grams": page.search_grams()},
    )


def unindex_page(page: Page) -> None:
    SearchDocument.objects.filter(page_id=page.pk).delete()


def sync_subtree(path: str) -> None:
    """Index exactly the public pages under path, after a move or a view restriction.

    Only visibility changes there, not text: pages already indexed are left alone.
    """
    subtree = Page.objects.filter(path__startswith=path)
    visible = public_pages().filter(path__startswith=path)
    SearchDocument.objects.filter(page__in=subtree).exclude(page__in=visible).delete()
    missing = visible.exclude(pk__in=SearchDocument.objects.values("page"))
    for page in missing.specific():
        index_page(page)


@transaction.atomic
def rebuild_index() -> int:
    """Index every public page again from scratch; returns how many there are."""
    SearchDocument.objects.all().delete()
    pages = list(public_pages().specific())
    SearchDocument.objects.bulk_create(
        SearchDocument(page=page, summary=summary_of(page), grams=page.search_grams())
        for page in pages
    )
    # Search pages in the page cache show what the index held before.
    transaction.on_commit(invalidate_public_pages)
    return len(pages)


def summary_of(page) -> str:
    """The text a result's snippet is cut from."""
    for name in ("summary", "intro", "search_description"):
        text = getattr(page, name, "")
        if text:
            return text
    return getattr(page, "body", "")
