from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "citylearn.pagecache"
    label = "pagecache"
    verbose_name = _("Full-page cache")

    def ready(self):
        from citylearn.pagecache import signal_handlers

        signal_handlers.connect()
        # A deploy migrates: whatever the cache holds may predate its code and data.
        post_migrate.connect(
            signal_handlers.public_content_changed,
            sender=self,
            dispatch_uid="pagecache-post-migrate",
        )
