from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "citylearn.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        import citylearn.reports.personal_data  # noqa: F401 - registers its sections
