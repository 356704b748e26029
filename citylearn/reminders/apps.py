from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "citylearn.reminders"
    label = "reminders"
    verbose_name = _("Reminders")

    def ready(self):
        import citylearn.reminders.personal_data  # noqa: F401 - registers its section
