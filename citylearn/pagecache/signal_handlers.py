from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from citylearn.explainers.models import GlossaryTerm
from citylearn.pagecache.services import invalidate_public_pages


def public_content_changed(**kwargs) -> None:
    # Now, so that the rest of this transaction sees the change, and again after the
    # commit: a page view in between may have cached what was there before.
    invalidate_public_pages()
    transaction.on_commit(invalidate_public_pages)


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(public_content_changed, dispatch_uid=f"pagecache-{id(signal)}")
    # Glossary terms are linked from the bodies of explainers and case studies; a page
    # made private must stop being served from the cache at once; a site's host name or
    # root page decides every URL (and the cached site lookup carries the generation).
    for sender in (GlossaryTerm, PageViewRestriction, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                public_content_changed,
                sender=sender,
                dispatch_uid=f"pagecache-{sender.__name__}-{id(signal)}",
            )
