from wagtail.signals import page_published

from citylearn.laws.signals import provision_amended


def flag_amended_citers(sender, change, **kwargs):
    from citylearn.lawreview.services import flag_citing_items

    flag_citing_items(change=change)


def review_published_page(sender, instance, revision=None, **kwargs):
    from citylearn.lawreview.services import mark_page_reviewed

    mark_page_reviewed(page=instance, by=getattr(revision, "user", None))


def connect() -> None:
    provision_amended.connect(
        flag_amended_citers, dispatch_uid="lawreview-flag-amended-citers"
    )
    page_published.connect(
        review_published_page, dispatch_uid="lawreview-review-published-page"
    )
