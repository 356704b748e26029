"""Import the department tree from a CSV or XLSX file (部门编码, 部门名称, 上级部门编码).

Rows create missing departments, rename changed ones and move those whose parent
changed; departments absent from the file are left alone. The whole file is tried in
one transaction, which a preview or any error rolls back: nothing half-done remains.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.imports.columns import Column
from citylearn.organisation.imports.errors import RosterError
from citylearn.organisation.imports.reading import read_roster
from citylearn.organisation.models import Department
from citylearn.organisation.services import create_department, update_department

DEPARTMENT_COLUMNS = (
    Column(
        "code",
        gettext_lazy("Department code"),
        ("部门编码", "部门代码", "code", "department code"),
        True,
        32,
        folded=True,
    ),
    Column("name", gettext_lazy("Name"), ("部门名称", "名称", "name"), True, 100),
    Column(
        "parent",
        gettext_lazy("Parent department code"),
        ("上级部门编码", "上级编码", "parent", "parent code"),
        False,
        32,
        folded=True,
    ),
)


@dataclass
class TreeImportResult:
    errors: list[RosterError] = field(default_factory=list)
    counts: dict[str, int] = field(
        default_factory=lambda: {"create": 0, "change": 0, "unchanged": 0}
    )


class _RollBack(Exception):
    pass


def _error(row: int, headers: dict, field_name: str, code, message: str) -> RosterError:
    return RosterError(
        code, message, row=row, column=headers.get(field_name, field_name)
    )


def _apply_rows(rows, headers, result, actor, actor_label) -> None:
    seen: dict[str, int] = {}
    pending = []
    for row, values in rows:
        code, name = values.get("code", ""), values.get("name", "")
        if not code or not name:
            missing = "code" if not code else "name"
            result.errors.append(
                _error(
                    row,
                    headers,
                    missing,
                    RosterErrorCode.EMPTY_VALUE,
                    _("Empty value."),
                )
            )
        elif code in seen:
            result.errors.append(
                _error(
                    row,
                    headers,
                    "code",
                    RosterErrorCode.DUPLICATE_CODE,
                    _("Code %(code)s is also on row %(first)d.")
                    % {"code": code, "first": seen[code]},
                )
            )
        else:
            seen[code] = row
            pending.append((row, code, name, values.get("parent", "")))
    # Parents first, whatever the order of the file: each pass places the rows whose
    # parent now exists; what is left when a pass places nothing cannot be placed.
    while pending:
        waiting = []
        for row, code, name, parent_code in pending:
            parent = Department.objects.filter(code=parent_code).first()
            if parent_code and parent is None:
                waiting.append((row, code, name, parent_code))
                continue
            _place(row, code, name, parent, headers, result, actor, actor_label)
        if len(waiting) == len(pending):
            for row, code, __, parent_code in waiting:
                result.errors.append(
                    _error(
                        row,
                        headers,
                        "parent",
                        RosterErrorCode.UNKNOWN_DEPARTMENT,
                        _(
                            "Parent %(parent)s of %(code)s is neither in the file nor in "
                            "the tree, or the parents form a loop."
                        )
                        % {"parent": parent_code, "code": code},
                    )
                )
            break
        pending = waiting


def _place(row, code, name, parent, headers, result, actor, actor_label) -> None:
    existing = Department.objects.filter(code=code).first()
    try:
        if existing is None:
            create_department(
                code=code,
                name=name,
                parent=parent,
                actor=actor,
                actor_label=actor_label,
            )
            result.counts["create"] += 1
            return
        current_parent = existing.get_parent()
        if existing.name == name and current_parent == parent:
            result.counts["unchanged"] += 1
            return
        update_department(
            department=existing,
            name=name,
            parent=parent,
            actor=actor,
            actor_label=actor_label,
        )
        result.counts["change"] += 1
    except ValidationError as error:
        result.errors.append(
            _error(
                row,
                headers,
                "parent",
                RosterErrorCode.INVALID_MOVE,
                " ".join(error.messages),
            )
        )


def import_departments(
    *,
    content: bytes,
    filename: str,
    apply: bool,
    actor: AbstractBaseUser | None = None,
    actor_label: str = "",
) -> TreeImportResult:
    """Create, rename and move departments as the file says; with `apply` False, or on
    any error, everything is rolled back and only the result is returned."""
    read = read_roster(content, filename, columns=DEPARTMENT_COLUMNS)
    result = TreeImportResult(errors=list(read.errors))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            _apply_rows(read.rows, read.headers, result, actor, actor_label)
            if result.errors or not apply:
                raise _RollBack
    except _RollBack:
        pass
    return result
