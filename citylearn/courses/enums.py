from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    STAFF = "staff", _("Staff (sign-in needed)")
    PUBLIC = "public", _("Public")


class CompletionRule(models.TextChoices):
    LESSONS_READ = "lessons-read", _("Lessons marked as read")
    CHECKPOINTS_PASSED = "checkpoints-passed", _("Checkpoint questions passed")
