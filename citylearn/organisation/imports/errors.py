from dataclasses import dataclass

from citylearn.organisation.enums import RosterErrorCode


@dataclass(frozen=True)
class RosterError:
    """One problem, placed where a person can find it: file row and column header."""

    code: RosterErrorCode
    message: str
    row: int | None = None
    column: str = ""


class RosterHasErrors(Exception):
    """Raised by apply when the file has any error; nothing has been written."""

    def __init__(self, errors: list[RosterError]):
        super().__init__(f"{len(errors)} errors in the roster")
        self.errors = errors
