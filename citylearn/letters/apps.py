from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "citylearn.letters"
    label = "letters"
    verbose_name = _("Letters that exercise a right")

    def ready(self):
        from citylearn.letters import signal_handlers

        signal_handlers.connect()
