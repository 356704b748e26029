"""Control characters in logged values are encoded, so a value cannot forge log lines."""

import unicodedata
from typing import Any

# Bidirectional overrides and Unicode line breaks are not "Cc" but can still
# make a logged value display as something it is not.
_ALSO_ENCODED = {"\u2028", "\u2029", *map(chr, range(0x202A, 0x202F))}
_ALSO_ENCODED |= set(map(chr, range(0x2066, 0x206A)))


def _encode_char(char: str) -> str:
    if unicodedata.category(char) == "Cc" or char in _ALSO_ENCODED:
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return char


def encode_control_characters(value: Any) -> Any:
    """The value with every control character in its strings written as an escape."""
    if isinstance(value, str):
        if value.isprintable() and "\\" not in value:
            return value
        # A literal backslash is doubled so an encoded "\x0a" cannot be confused with one.
        return "".join(_encode_char(c) for c in value.replace("\\", "\\\\"))
    if isinstance(value, dict):
        return {
            encode_control_characters(str(k)): encode_control_characters(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [encode_control_characters(item) for item in value]
    return value
