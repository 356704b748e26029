from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "citylearn.assignments"
    label = "assignments"
    verbose_name = _("Assignments")

    def ready(self):
        import citylearn.assignments.personal_data  # noqa: F401 - registers its sections
        from citylearn.assignments import signal_handlers  # noqa: F401 - connects receivers
