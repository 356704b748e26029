from django.db import models
from django.utils.translation import gettext_lazy as _


class Right(models.TextChoices):
    """The rights a citizen can exercise by letter; each is one file in content/letters/."""

    ACCESS_AND_COPY = "access-and-copy", _("Access and copy my data")
    CORRECTION = "correction", _("Correct or complete my data")
    DELETION = "deletion", _("Delete my data")
    WITHDRAW_CONSENT = "withdraw-consent", _("Withdraw my consent")
    AUTOMATED_DECISION = "automated-decision", _("Explain an automated decision")
    PORTABILITY = "portability", _("Transfer my data to another organisation")
    DECEASED_RELATIVE = "deceased-relative", _("Data of a relative who has died")


class ReplyBy(models.TextChoices):
    POST = "post", _("By post")
    EMAIL = "email", _("By email")
    IN_PERSON = "in-person", _("In person")
