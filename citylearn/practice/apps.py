from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "citylearn.practice"
    label = "practice"
    verbose_name = _("Daily practice")

    def ready(self):
        import citylearn.practice.personal_data  # noqa: F401 - registers its sections
