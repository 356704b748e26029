from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "citylearn.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from citylearn.quizzes import signal_handlers  # noqa: F401 - connects receivers
