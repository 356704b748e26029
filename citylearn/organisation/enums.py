from django.db import models
from django.utils.translation import gettext_lazy as _


class RosterImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Previewed")
    APPLIED = "applied", _("Applied")


class RosterErrorCode(models.TextChoices):
    UNREADABLE_FILE = "unreadable_file", _("Unreadable file")
    MISSING_COLUMN = "missing_column", _("Missing column")
    UNKNOWN_COLUMN = "unknown_column", _("Unknown column")
    DUPLICATE_COLUMN = "duplicate_column", _("Column given twice")
    NO_ROWS = "no_rows", _("No rows")
    EMPTY_VALUE = "empty_value", _("Empty value")
    TOO_LONG = "too_long", _("Value too long")
    INVALID_EMPLOYEE_ID = "invalid_employee_id", _("Malformed employee id")
    DUPLICATE_EMPLOYEE_ID = "duplicate_employee_id", _("Employee id twice in the file")
    INVALID_EMAIL = "invalid_email", _("Malformed email")
    INVALID_PHONE = "invalid_phone", _("Malformed phone number")
    UNKNOWN_DEPARTMENT = "unknown_department", _("Unknown department code")
    DEPARTMENT_OUT_OF_SCOPE = (
        "department_out_of_scope",
        _("Department outside your scope"),
    )
    PERSON_OUT_OF_SCOPE = "person_out_of_scope", _("Person outside your scope")
    ACCOUNT_CONFLICT = "account_conflict", _("User name already taken")
    DUPLICATE_CODE = "duplicate_code", _("Department code twice in the file")
    INVALID_MOVE = "invalid_move", _("Department cannot move there")
    TOO_MANY_ROWS = "too_many_rows", _("Too many rows")
    DAMAGED_TEXT = "damaged_text", _("Damaged character")
    UNCALCULATED_FORMULA = "uncalculated_formula", _("Formula without a value")
    CELL_WITHOUT_HEADER = "cell_without_header", _("Value in a column without header")
    ACCOUNT_PROTECTED = "account_protected", _("Account with more rights than yours")


class RosterChangeKind(models.TextChoices):
    CREATE = "create", _("New")
    UPDATE = "update", _("Updated")
    MOVE = "move", _("Moved")
    UNCHANGED = "unchanged", _("Unchanged")
