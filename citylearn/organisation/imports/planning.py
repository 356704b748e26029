"""Compare roster rows with the database: who is new, changed, moved or missing."""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from citylearn.access.permissions import Scope
from citylearn.organisation.enums import RosterChangeKind, RosterErrorCode
from citylearn.organisation.imports.columns import BY_FIELD, COLUMNS
from citylearn.organisation.imports.errors import RosterError
from citylearn.organisation.imports.reading import RosterRows
from citylearn.organisation.imports.rights import accounts_above
from citylearn.organisation.models import Department, StaffProfile

EMPLOYEE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{4,30}$")
COMPARED = ("name", "department_id", "position", "email", "phone", "is_active")
# What a person signs in with, or where their password links go.
SIGN_IN = ("email", "is_active")
CHUNK = 500  # well under every database's limit on query parameters


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class PersonRow:
    row: int
    kind: RosterChangeKind
    employee_id: str
    name: str
    department_id: int
    department_code: str
    position: str
    email: str
    phone: str
    staff_id: int | None = None
    user_id: int | None = None
    previous_department_code: str = ""
    changed: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    # The address the account signed in with, when this row changes it.
    old_sign_in_email: str = ""


@dataclass
class Departure:
    staff_id: int
    user_id: int
    employee_id: str
    name: str
    department_code: str


@dataclass
class RosterPlan:
    headers: dict[str, str]
    errors: list[RosterError] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    departures: list[Departure] = field(default_factory=list)
    # Missing from the file but holding more rights than the importer: left active.
    kept: list[Departure] = field(default_factory=list)

    def of_kind(self, kind: RosterChangeKind) -> list[PersonRow]:
        return [person for person in self.people if person.kind == kind]

    def counts(self) -> dict[str, int]:
        counts = {kind.value: 0 for kind in RosterChangeKind}
        for person in self.people:
            counts[person.kind] += 1
        counts["deactivate"] = len(self.departures)
        counts["kept"] = len(self.kept)
        counts["errors"] = len(self.errors)
        return counts


def chunks(items: list, size: int = CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


class _Checker:
    def __init__(self, headers: dict[str, str], errors: list[RosterError]):
        self.headers = headers
        self.errors = errors

    def add(self, row: int, field_name: str, code: RosterErrorCode, message: str):
        column = self.headers.get(field_name) or BY_FIELD[field_name].headers[0]
        self.errors.append(RosterError(code, message, row=row, column=column))

    def values(self, row: int, values: dict[str, str]) -> bool:
        ok = True
        for column in COLUMNS:
            value = values.get(column.field, "")
            if column.required and not value:
                self.add(
                    row,
                    column.field,
                    RosterErrorCode.EMPTY_VALUE,
                    _("%(column)s is empty.") % {"column": column.label},
                )
                ok = False
            elif len(value) > column.max_length:
                self.add(
                    row,
                    column.field,
                    RosterErrorCode.TOO_LONG,
                    _("%(column)s is longer than %(max)d characters.")
                    % {"column": column.label, "max": column.max_length},
                )
                ok = False
        employee_id = values.get("employee_id", "")
        if employee_id and not EMPLOYEE_ID.match(employee_id):
            self.add(
                row,
                "employee_id",
                RosterErrorCode.INVALID_EMPLOYEE_ID,
                _("“%(value)s” is not an employee id: use letters, digits, - _ or .")
                % {"value": employee_id},
            )
            ok = False
        email = values.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.add(
                    row,
                    "email",
                    RosterErrorCode.INVALID_EMAIL,
                    _("“%(value)s” is not an email address.") % {"value": email},
                )
                ok = False
        phone = values.get("phone", "")
        if phone and not PHONE.match(phone):
            self.add(
                row,
                "phone",
                RosterErrorCode.INVALID_PHONE,
                _("“%(value)s” is not a phone number.") % {"value": phone},
            )
            ok = False
        return ok


def _existing_staff(employee_ids: list[str]) -> dict[str, dict]:
    found = {}
    for chunk in chunks(employee_ids):
        for staff in StaffProfile.objects.filter(employee_id__in=chunk).values(
            "id",
            "user_id",
            "employee_id",
            *COMPARED,
            "department__path",
            "department__code",
            "user__email",
        ):
            found[staff["employee_id"]] = staff
    return found


def _taken_usernames(employee_ids: list[str]) -> set[str]:
    User = get_user_model()
    taken: set[str] = set()
    for chunk in chunks(employee_ids):
        taken.update(
            User.objects.filter(username__in=chunk).values_list("username", flat=True)
        )
    return taken


def plan_roster(
    rows: RosterRows, *, scope: Scope, actor: AbstractBaseUser | None = None
) -> RosterPlan:
    """What applying these rows within `scope` by `actor` would do, and every error
    found. `actor` None is the command line, for which `scope` is everything."""
    plan = RosterPlan(headers=rows.headers, errors=list(rows.errors))
    if not rows.rows:
        # An error about the whole file, or no people to compare.
        return plan
    check = _Checker(rows.headers, plan.errors)
    departments = {
        code: (pk, path)
        for pk, code, path in Department.objects.values_list("pk", "code", "path")
    }
    seen: dict[str, int] = {}
    valid: list[tuple[int, dict[str, str], int]] = []
    for row, values in rows.rows:
        ok = check.values(row, values)
        employee_id = values.get("employee_id", "")
        if employee_id in seen:
            check.add(
                row,
                "employee_id",
                RosterErrorCode.DUPLICATE_EMPLOYEE_ID,
                _("Employee id %(id)s is also on row %(first)d.")
                % {"id": employee_id, "first": seen[employee_id]},
            )
            ok = False
        elif employee_id:
            seen[employee_id] = row
        code = values.get("department_code", "")
        department = departments.get(code)
        if code and department is None:
            check.add(
                row,
                "department_code",
                RosterErrorCode.UNKNOWN_DEPARTMENT,
                _("There is no department with code “%(code)s”.") % {"code": code},
            )
            ok = False
        elif department and not scope.contains_path(department[1]):
            check.add(
                row,
                "department_code",
                RosterErrorCode.DEPARTMENT_OUT_OF_SCOPE,
                _("Department %(code)s is outside the departments you manage.")
                % {"code": code},
            )
            ok = False
        if ok:
            valid.append((row, values, department[0]))

    existing = _existing_staff([values["employee_id"] for __, values, __ in valid])
    new_ids = [
        v["employee_id"] for __, v, __ in valid if v["employee_id"] not in existing
    ]
    taken = _taken_usernames(new_ids)
    codes_by_id = {pk: code for code, (pk, __) in departments.items()}
    for row, values, department_id in valid:
        employee_id = values["employee_id"]
        person = PersonRow(
            row=row,
            kind=RosterChangeKind.CREATE,
            employee_id=employee_id,
            name=values["name"],
            department_id=department_id,
            department_code=codes_by_id[department_id],
            position=values.get("position", ""),
            email=values["email"],
            phone=values.get("phone", ""),
        )
        current = existing.get(employee_id)
        if current is None:
            if employee_id in taken:
                check.add(
                    row,
                    "employee_id",
                    RosterErrorCode.ACCOUNT_CONFLICT,
                    _(
                        "An account named %(id)s exists but is not on the roster; ask an "
                        "administrator."
                    )
                    % {"id": employee_id},
                )
                continue
            plan.people.append(person)
            continue
        if not scope.contains_path(current["department__path"]):
            check.add(
                row,
                "employee_id",
                RosterErrorCode.PERSON_OUT_OF_SCOPE,
                _("%(id)s belongs to a department outside the ones you manage.")
                % {"id": employee_id},
            )
            continue
        person.staff_id = current["id"]
        person.user_id = current["user_id"]
        person.previous_department_code = current["department__code"]
        wanted = {**values, "department_id": department_id, "is_active": True}
        wanted.setdefault("position", "")
        wanted.setdefault("phone", "")
        person.changed = tuple(
            name for name in COMPARED if current[name] != wanted[name]
        )
        person.changes = _changes(person, current)
        if "email" in person.changed and current["user__email"] != person.email:
            person.old_sign_in_email = current["user__email"]
        if current["department_id"] != department_id:
            person.kind = RosterChangeKind.MOVE
        elif person.changed:
            person.kind = RosterChangeKind.UPDATE
        else:
            person.kind = RosterChangeKind.UNCHANGED
        plan.people.append(person)

    _refuse_sign_in_changes_above(plan, check, scope, actor)
    if not plan.errors:
        departures = _departures(scope, set(seen))
        above = _above(departures, scope, actor)
        for departure in departures:
            (plan.kept if departure.user_id in above else plan.departures).append(
                departure
            )
    # Found in two passes; shown in the order a person reads the file.
    plan.errors.sort(key=lambda error: error.row or 0)
    return plan


def _changes(person: PersonRow, current: dict) -> tuple[Change, ...]:
    changes = []
    for name in person.changed:
        if name == "department_id":
            label = BY_FIELD["department_code"].label
            old, new = current["department__code"], person.department_code
        elif name == "is_active":
            label, old, new = _("Active"), _("no"), _("yes")
        else:
            label, old, new = BY_FIELD[name].label, current[name], getattr(person, name)
        changes.append(Change(str(label), old, new))
    return tuple(changes)


def _above(people: list, scope: Scope, actor: AbstractBaseUser | None) -> set[int]:
    above: set[int] = set()
    for chunk in chunks([person.user_id for person in people]):
        above |= accounts_above(user_ids=chunk, actor=actor, scope=scope)
    return above


def _changes_sign_in(person: PersonRow) -> bool:
    return any(name in person.changed for name in SIGN_IN)


ABOVE_YOU = gettext_lazy(
    "The account of %(id)s holds rights you do not have (an editor's, an "
    "administrator's or a role outside your departments): a roster cannot change "
    "its email address or reactivate it. Ask an administrator."
)


def _refuse_sign_in_changes_above(
    plan: RosterPlan, check: _Checker, scope: Scope, actor: AbstractBaseUser | None
) -> None:
    above = _above(list(filter(_changes_sign_in, plan.people)), scope, actor)
    if not above:
        return
    kept = []
    for person in plan.people:
        if person.user_id in above and _changes_sign_in(person):
            check.add(
                person.row,
                "email" if "email" in person.changed else "employee_id",
                RosterErrorCode.ACCOUNT_PROTECTED,
                ABOVE_YOU % {"id": person.employee_id},
            )
        else:
            kept.append(person)
    plan.people = kept


def _departures(scope: Scope, listed: set[str]) -> list[Departure]:
    # Everyone active in scope is read once and compared in memory: an
    # `exclude(employee_id__in=...)` with 10,000 ids overflows SQLite's parameter limit.
    in_scope = (
        StaffProfile.objects.active()
        .filter(scope.q())
        .values_list("id", "user_id", "employee_id", "name", "department__code")
    )
    return [
        Departure(*values)
        for values in in_scope.iterator(chunk_size=2000)
        if values[2] not in listed
    ]
