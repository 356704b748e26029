from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExplainersConfig(AppConfig):
    name = "citylearn.explainers"
    label = "explainers"
    verbose_name = _("Data-rights explainers")

    def ready(self):
        from citylearn.explainers import signal_handlers

        signal_handlers.connect()
