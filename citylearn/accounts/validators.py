from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

CHARACTER_CLASSES = "password_character_classes"


def _classes_in(password: str) -> set[str]:
    classes = set()
    for char in password:
        if char.isdigit():
            classes.add("digit")
        elif char.isupper():
            classes.add("upper")
        elif char.islower():
            classes.add("lower")
        else:
            classes.add("symbol")
    return classes


class CharacterClassesValidator:
    """At least `min_classes` of: upper-case, lower-case, digits, symbols.

    Graded-protection (等级保护) assessors check for three of the four classes.
    Chinese characters count as symbols: they are neither letters with case nor digits.
    """

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if len(_classes_in(password)) < self.min_classes:
            raise ValidationError(self.get_help_text(), code=CHARACTER_CLASSES)

    def get_help_text(self):
        return _(
            "Your password must use at least %(count)d of these: upper-case letters, "
            "lower-case letters, digits and symbols."
        ) % {"count": self.min_classes}


class PasswordChangeRecorder:
    """Refuses nothing; Django calls `password_changed` on every validator whenever a
    password is saved (sign-up, reset, admin, shell), which is the one place that sees
    them all, so periodic change can count from the right date."""

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        from citylearn.accounts.models import PasswordStamp

        if user is not None and user.pk:
            PasswordStamp.objects.update_or_create(
                user=user, defaults={"changed_at": timezone.now()}
            )

    def get_help_text(self):
        return _("You will be asked to change it periodically.")
