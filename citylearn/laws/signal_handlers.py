from django.db.models.signals import post_delete, post_save

from citylearn.laws.models import Law, Provision
from citylearn.pagecache.services import public_content_changed


def connect() -> None:
    # Provisions show in the legal-basis box of every citing page and on /laws/.
    for sender in (Law, Provision):
        for signal in (post_save, post_delete):
            signal.connect(
                public_content_changed,
                sender=sender,
                dispatch_uid=f"laws-renew-pages-{sender.__name__}-{id(signal)}",
            )
