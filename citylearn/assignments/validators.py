import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def visible_characters_only(value: str) -> None:
    """Refuse control characters and bidirectional overrides, which the history
    would display as something other than what was typed."""
    for char in value:
        if unicodedata.category(char) in ("Cc", "Cf"):
            raise ValidationError(
                _("Remove the invisible character %(code)s from the reason."),
                code="invisible_character",
                params={"code": f"U+{ord(char):04X}"},
            )
