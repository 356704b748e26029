from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from citylearn.explainers.models import GlossaryTerm
from citylearn.pagecache.services import invalidate_public_pages


def connect() -> None:
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate_public_pages, dispatch_uid=f"pagecache-{id(signal)}")
    # Glossary terms are linked from the bodies of explainers and case studies.
    for signal in (post_save, post_delete):
        signal.connect(
            invalidate_public_pages,
            sender=GlossaryTerm,
            dispatch_uid=f"pagecache-glossary-{id(signal)}",
        )
