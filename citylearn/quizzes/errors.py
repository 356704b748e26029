"""What a learner is told when the quiz refuses something; tests import these."""

from django.utils.translation import gettext_lazy as _

NOT_OPEN_YET = _("This quiz is not open yet.")
CLOSED = _("This quiz has closed.")
NO_ATTEMPTS_LEFT = _("You have used all your attempts at this quiz.")
TOO_FEW_QUESTIONS = _(
    "This quiz cannot start: its question banks hold fewer questions than it draws."
)
ATTEMPT_FINISHED = _("This attempt has already been submitted.")
TIME_IS_UP = _("Time is up: answers can no longer be changed.")
UNKNOWN_QUESTION = _("Question %(position)s is not part of this attempt.")
UNKNOWN_CHOICE = _("Question %(position)s has no choice %(choice)s.")
ONE_CHOICE_ONLY = _("Question %(position)s takes one answer only.")
MALFORMED_ANSWERS = _("The answers sent could not be read.")
