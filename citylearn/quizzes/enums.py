from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class MultipleScoring(models.TextChoices):
    ALL_OR_NOTHING = "all-or-nothing", _("All or nothing")
    PARTIAL = "partial", _("Partial credit")


class ShowAfterSubmit(models.TextChoices):
    ANSWERS = "answers", _("Answers with explanations")
    SCORE = "score", _("Score only")
