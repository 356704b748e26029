from django.db.models.signals import post_delete, post_save

from citylearn.explainers.models import ExplainerIndexPage, GlossaryTerm
from citylearn.explainers.workflow import assign_legal_review
from citylearn.pagecache.services import public_content_changed


def review_new_explainer_index(sender, instance, created, raw=False, **kwargs):
    # The importer creates the index after migrations have created the workflow.
    if created and not raw:
        assign_legal_review(index=instance)


def connect() -> None:
    post_save.connect(
        review_new_explainer_index,
        sender=ExplainerIndexPage,
        dispatch_uid="explainers-legal-review",
    )
    # Glossary terms are linked from the bodies of explainers and case studies.
    for signal in (post_save, post_delete):
        signal.connect(
            public_content_changed,
            sender=GlossaryTerm,
            dispatch_uid=f"explainers-glossary-renews-pages-{id(signal)}",
        )
