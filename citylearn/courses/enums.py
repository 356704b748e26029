from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff (sign-in needed)")
    PUBLIC = "public", _("Public")
