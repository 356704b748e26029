from django.db.models.signals import post_delete, post_save

from citylearn.cases.models import RiskExplainer
from citylearn.pagecache.services import public_content_changed


def connect() -> None:
    # Case study pages link each of their governance risks to its explainer.
    for signal in (post_save, post_delete):
        signal.connect(
            public_content_changed,
            sender=RiskExplainer,
            dispatch_uid=f"cases-risk-explainers-renew-pages-{id(signal)}",
        )
