from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class MultipleScoring(models.TextChoices):
    ALL_OR_NOTHING = "all-or-nothing", _("All or nothing")
    PARTIAL = "partial", _("Partial credit")


class AnswersShown(models.TextChoices):
    """When a learner's result shows the right answers and explanations."""

    AFTER_EACH_ATTEMPT = "after-each-attempt", _("After each attempt")
    AFTER_LAST_ATTEMPT = (
        "after-last-attempt",
        _("After the last attempt (none left, passed, or the quiz has closed)"),
    )
    AFTER_CLOSING = "after-closing", _("Only after the quiz closes")
    NEVER = "never", _("Never: the score only")
