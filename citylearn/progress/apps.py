from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgressConfig(AppConfig):
    name = "citylearn.progress"
    label = "progress"
    verbose_name = _("Learning progress")

    def ready(self):
        import citylearn.progress.personal_data  # noqa: F401 - registers its sections
        from citylearn.progress import signal_handlers

        signal_handlers.connect()
