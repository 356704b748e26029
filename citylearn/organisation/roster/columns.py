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


COLUMNS = (
    Column(
        "employee_id",
        _("Employee id"),
        ("工号", "员工编号", "employee_id", "employee id", "staff id"),
        True,
        32,
    ),
    Column("name", _("Name"), ("姓名", "name"), True, 100),
    Column(
        "department_code",
        _("Department code"),
        ("部门编码", "部门代码", "department_code", "department code"),
        True,
        32,
    ),
    Column(
        "position", _("Position"), ("职务", "职位", "position", "title"), False, 100
    ),
    Column("email", _("Email"), ("邮箱", "电子邮箱", "email", "e-mail"), True, 254),
    Column(
        "phone",
        _("Mobile phone"),
        ("手机", "手机号", "手机号码", "phone", "mobile"),
        False,
        32,
    ),
)
BY_FIELD = {column.field: column for column in COLUMNS}


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s_]+", " ", text)


HEADER_TO_FIELD = {
    normalise_header(header): column.field
    for column in COLUMNS
    for header in column.headers
}
