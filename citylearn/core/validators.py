import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INVISIBLE_CHARACTER = "invisible_character"
LINE_BREAKS = frozenset("\n\r\t")


def visible_characters_only(value: str, *, line_breaks: bool = False) -> None:
    """Refuse control characters, bidirectional overrides and other invisible ones.

    Text kept in a history or sent in a letter would otherwise be shown as something
    other than what was typed. Line breaks pass where the field holds several lines.
    """
    for character in value:
        if line_breaks and character in LINE_BREAKS:
            continue
        if unicodedata.category(character) in ("Cc", "Cf"):
            raise ValidationError(
                _(
                    "Remove the invisible character %(code)s; it may have come "
                    "with copied text."
                ),
                code=INVISIBLE_CHARACTER,
                params={"code": f"U+{ord(character):04X}"},
            )
