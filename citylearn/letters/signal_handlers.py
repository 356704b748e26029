from django.db.models.signals import post_save

from citylearn.explainers.workflow import assign_legal_review
from citylearn.letters.models import LetterIndexPage


def review_new_letter_index(sender, instance, created, raw=False, **kwargs):
    # Letters cite the law as explainers do: the same legal team approves them.
    if created and not raw:
        assign_legal_review(index=instance)


def connect() -> None:
    post_save.connect(
        review_new_letter_index,
        sender=LetterIndexPage,
        dispatch_uid="letters-legal-review",
    )
