from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawsConfig(AppConfig):
    name = "citylearn.laws"
    label = "laws"
    verbose_name = _("Laws and provisions")

    def ready(self):
        from citylearn.laws import signal_handlers

        signal_handlers.connect()
