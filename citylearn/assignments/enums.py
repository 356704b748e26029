from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED_ON_TIME = "completed_on_time", _("Completed on time")
    COMPLETED_LATE = "completed_late", _("Completed late")
    OVERDUE = "overdue", _("Overdue")


class AssignmentChangeKind(models.TextChoices):
    CREATED = "created", _("Assigned")
    EXTENDED = "extended", _("Due date extended")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    PERSON_ADDED = "person_added", _("Person added")
    PERSON_EXTENDED = "person_extended", _("Due date extended for one person")
    PERSON_RELEASED = "person_released", _("Person no longer required")


class AssignmentTarget(models.TextChoices):
    DEPARTMENT = "department", _("A department and everyone below it")
    PEOPLE = "people", _("Named people")


class LateReasonKind(models.TextChoices):
    WORKLOAD = "workload", _("Workload")
    TECHNICAL = "technical", _("Technical problem")
    LEAVE = "leave", _("Leave")
    OTHER = "other", _("Other")
