from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteFact(models.TextChoices):
    """What an information page may show from the operator's settings."""

    CONTACT = "contact", _("Contact details")
    RETENTION = "retention", _("How long records are kept")
