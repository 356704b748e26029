from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportSource(models.TextChoices):
    DASHBOARD = "dashboard", _("HR dashboard")
    PEOPLE = "people", _("People")


class ExportFormat(models.TextChoices):
    XLSX = "xlsx", "Excel"
    CSV = "csv", "CSV"


class ExportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being written")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")
