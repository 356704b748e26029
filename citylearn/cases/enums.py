from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    CHINA = "china", _("China")
    INTERNATIONAL = "international", _("International")


class Theme(models.TextChoices):
    CITY_BRAIN = "city-brain", _("City brain")
    GRID_MANAGEMENT = "grid-management", _("Grid management")
    DATA_SHARING = "data-sharing", _("Data sharing")
    EPIDEMIC_RESPONSE = "epidemic-response", _("Epidemic response")
    ALGORITHM_TRANSPARENCY = "algorithm-transparency", _("Algorithm transparency")
    PUBLIC_SERVICES = "public-services", _("Public services")
    OPEN_DATA = "open-data", _("Open data")
    PARTICIPATION = "participation", _("Participation")


class GovernanceRisk(models.TextChoices):
    PURPOSE_CREEP = "purpose-creep", _("Purpose creep")
    OVER_COLLECTION = "over-collection", _("Over-collection")
    FUNCTION_CREEP_TO_POLICING = (
        "function-creep-to-policing",
        _("Data opened to policing"),
    )
    OPAQUE_ALGORITHM = "opaque-algorithm", _("Opaque algorithm")
    DATA_BREACH = "data-breach", _("Data breach")
    DIGITAL_EXCLUSION = "digital-exclusion", _("Digital exclusion")
    VENDOR_LOCK_IN = "vendor-lock-in", _("Vendor lock-in")
