"""The roster's documented columns and the headers accepted for each."""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    field: str
    label: Promise
    headers: tuple[str, ...]
    required: bool
    max_length: int
    # Identifiers are folded (NFKC): Chinese input methods type full-width
    # letters and digits, which in an id or a code are always a mistake.
    folded: bool = False


COLUMNS = (
    Column(
        "employee_id",
        _("Employee id"),
        ("工号", "员工编号", "employee_id", "employee id", "staff id"),
        True,
        32,
        folded=True,
    ),
    Column("name", _("Name"), ("姓名", "name"), True, 100),
    Column(
        "department_code",
        _("Department code"),
        ("部门编码", "部门代码", "department_code", "department code"),
        True,
        32,
        folded=True,
    ),
    Column(
        "position", _("Position"), ("职务", "职位", "position", "title"), False, 100
    ),
    Column(
        "email",
        _("Email"),
        ("邮箱", "电子邮箱", "email", "e-mail"),
        True,
        254,
        folded=True,
    ),
    Column(
        "phone",
        _("Mobile phone"),
        ("手机", "手机号", "手机号码", "phone", "mobile"),
        False,
        32,
        folded=True,
    ),
)
BY_FIELD = {column.field: column for column in COLUMNS}


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s_]+", " ", text)


def header_map(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Every accepted header, normalised, to its column."""
    return {
        normalise_header(header): column
        for column in columns
        for header in column.headers
    }
