from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "citylearn.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        import citylearn.certificates.personal_data  # noqa: F401 - registers its sections
        from citylearn.certificates import signal_handlers

        signal_handlers.connect()
