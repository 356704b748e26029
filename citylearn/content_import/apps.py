from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentImportConfig(AppConfig):
    name = "citylearn.content_import"
    label = "content_import"
    verbose_name = _("Content import")
