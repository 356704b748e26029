from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "citylearn.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        import citylearn.audit.personal_data  # noqa: F401 - registers its sections
        from citylearn.audit import checks  # noqa: F401 - registers the system checks
