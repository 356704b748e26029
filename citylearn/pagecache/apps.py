from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "citylearn.pagecache"
    label = "pagecache"
    verbose_name = _("Full-page cache")

    def ready(self):
        from citylearn.pagecache import signal_handlers

        signal_handlers.connect()
