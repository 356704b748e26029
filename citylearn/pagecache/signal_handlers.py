from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from citylearn.pagecache.services import public_content_changed


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(public_content_changed, dispatch_uid=f"pagecache-{id(signal)}")
    # A page made private must stop being served from the cache at once; a site's host
    # name or root page decides every URL (and the cached site lookup carries the
    # generation). Apps whose own models show on public pages connect them likewise.
    for sender in (PageViewRestriction, Site):
        for signal in (post_save, post_delete):
            signal.connect(
                public_content_changed,
                sender=sender,
                dispatch_uid=f"pagecache-{sender.__name__}-{id(signal)}",
            )
