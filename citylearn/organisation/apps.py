from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "citylearn.organisation"
    label = "organisation"
    verbose_name = _("Organisation")

    def ready(self):
        import citylearn.organisation.personal_data  # noqa: F401 - registers its sections
