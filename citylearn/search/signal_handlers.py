from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from citylearn.search.models import SearchDocument
from citylearn.search.services import (
    index_page,
    rebuild_index,
    sync_subtree,
    unindex_page,
)


def page_published_handler(instance, **kwargs) -> None:
    index_page(instance)


def page_unpublished_handler(instance, **kwargs) -> None:
    # Also sent just before a live page is deleted, while it still looks live.
    unindex_page(instance)


def page_moved_handler(instance, **kwargs) -> None:
    # Under a new parent the subtree may have gained or lost a view restriction.
    sync_subtree(instance.path)


def view_restriction_added(instance, **kwargs) -> None:
    # At once, in the same transaction: a page made private leaves search with it.
    sync_subtree(instance.page.path)


def view_restriction_removed(instance, **kwargs) -> None:
    # After the commit: a restriction is also deleted along with its page, and indexing
    # that page again in the middle of its deletion would outlive it. A page shows up
    # in search a moment late, never a moment too long.
    page_id = instance.page_id

    def sync() -> None:
        for path in Page.objects.filter(pk=page_id).values_list("path", flat=True):
            sync_subtree(path)

    transaction.on_commit(sync)


def index_if_empty(**kwargs) -> None:
    # The release that brings the index finds pages already published: after its
    # migrations, with every model as the code has it, index them once.
    if not SearchDocument.objects.exists():
        rebuild_index()


def connect() -> None:
    page_published.connect(page_published_handler, dispatch_uid="search-published")
    page_unpublished.connect(
        page_unpublished_handler, dispatch_uid="search-unpublished"
    )
    post_page_move.connect(page_moved_handler, dispatch_uid="search-moved")
    post_save.connect(
        view_restriction_added,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-added",
    )
    post_delete.connect(
        view_restriction_removed,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-removed",
    )
