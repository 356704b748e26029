from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "citylearn.cases"
    label = "cases"
    verbose_name = _("Case studies")

    def ready(self):
        from citylearn.cases import signal_handlers

        signal_handlers.connect()
