from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    YOUR_RIGHTS = "your-rights", _("Your rights")
    MAKING_REQUESTS = "making-requests", _("Making requests and complaints")
    GOVERNMENT_DATA = "government-data", _("Government and your data")
    PUBLIC_SPACES = "public-spaces", _("Public spaces")
