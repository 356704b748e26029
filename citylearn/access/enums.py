from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles held over a department subtree; editor and administrator live in auth."""

    DEPARTMENT_HEAD = "department_head", _("Department head")
    HR_OFFICER = "hr_officer", _("HR / training officer")
