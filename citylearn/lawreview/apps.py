from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawReviewConfig(AppConfig):
    name = "citylearn.lawreview"
    label = "lawreview"
    verbose_name = _("Review after a law changes")

    def ready(self):
        from citylearn.lawreview import signal_handlers

        signal_handlers.connect()
