from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "citylearn.search"
    label = "site_search"
    verbose_name = _("Search")

    def ready(self):
        from citylearn.search import signal_handlers

        signal_handlers.connect()
        post_migrate.connect(
            signal_handlers.index_if_empty,
            sender=self,
            dispatch_uid="search-index-if-empty",
        )
