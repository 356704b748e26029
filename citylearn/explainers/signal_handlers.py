from django.db.models.signals import post_save

from citylearn.explainers.models import ExplainerIndexPage
from citylearn.explainers.workflow import assign_legal_review


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
