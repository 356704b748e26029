from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "citylearn.quizzes"
    label = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        import citylearn.quizzes.personal_data  # noqa: F401 - registers its sections
        from citylearn.quizzes import signal_handlers  # noqa: F401 - connects receivers
