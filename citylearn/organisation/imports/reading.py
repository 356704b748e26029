"""Bytes of a CSV or XLSX roster to rows of text keyed by field, or errors."""

import codecs
import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.imports.columns import (
    COLUMNS,
    Column,
    header_map,
    normalise_header,
)
from citylearn.organisation.imports.errors import RosterError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
# Tight fixed bounds, so that no upload can keep a web worker busy for long: a real
# roster of MAX_ROWS people unpacks to about 20 MB, even with inline strings, and
# reads in a few seconds. Cells right of MAX_COLUMNS are refused when the sheet
# declares them and else not read: openpyxl pads every row to its widest cell, which
# a forged sheet can put at column 16,384.
MAX_ROWS = 50_000
MAX_UNPACKED_BYTES = 24 << 20
MAX_COLUMNS = 100


@dataclass
class RosterRows:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as written
    errors: list[RosterError] = field(default_factory=list)

    def to_json(self) -> dict:
        """The rows as kept between preview and apply (the file itself is not kept)."""
        return {"headers": self.headers, "rows": self.rows}

    @classmethod
    def from_json(cls, data: dict) -> "RosterRows":
        return cls(
            rows=[(number, values) for number, values in data.get("rows", [])],
            headers=data.get("headers", {}),
        )


class _Refused(Exception):
    """The file as a whole cannot be read; the errors say why."""

    def __init__(self, *errors: RosterError):
        super().__init__(errors[0].message)
        self.errors = list(errors)


def _unreadable(message: str) -> _Refused:
    return _Refused(RosterError(RosterErrorCode.UNREADABLE_FILE, message))


def _too_many_rows() -> _Refused:
    return _Refused(
        RosterError(
            RosterErrorCode.TOO_MANY_ROWS,
            _(
                "The file has more than %(max)d rows. Split it into several files, "
                "for example one per department."
            )
            % {"max": MAX_ROWS},
        )
    )


def _decode(content: bytes) -> str:
    # Excel on Chinese Windows saves "CSV" in GB18030/GBK; "CSV UTF-8" adds a BOM.
    if content.startswith(codecs.BOM_UTF8):
        return _decode_utf8(content[len(codecs.BOM_UTF8) :])
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any bytes, so a UTF-8 file with one damaged byte would
    # read as GB18030 throughout, every name garbled. A GBK line is almost never valid
    # UTF-8 by chance: when most lines with Chinese text are UTF-8, the file is UTF-8.
    valid, invalid = 0, 0
    for line in content.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
                valid += 1
            except UnicodeDecodeError:
                invalid += 1
    if valid and valid >= invalid:
        return _decode_utf8(content)
    return content.decode("gb18030")


def _decode_utf8(content: bytes) -> str:
    damaged = []
    for number, line in enumerate(content.split(b"\n"), start=1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as error:
            damaged.append(
                RosterError(
                    RosterErrorCode.DAMAGED_TEXT,
                    _(
                        "This line is not valid UTF-8 (byte 0x%(byte)02X), unlike the "
                        "rest of the file: a character is damaged. Correct it, or save "
                        "the file again as “CSV UTF-8”."
                    )
                    % {"byte": line[error.start]},
                    row=number,
                )
            )
    if damaged:
        raise _Refused(*damaged)
    return content.decode("utf-8")


def _csv_records(content: bytes) -> Iterator[list[str]]:
    text = _decode(content)
    if "\x00" in text:
        raise ValueError("NUL byte")
    yield from csv.reader(io.StringIO(text, newline=""))


# A formula that the program which wrote the file never calculated: openpyxl reads
# no value for it, which must not pass for an empty cell.
UNCALCULATED = object()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores a typed-in employee id or phone number as a float.
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _sheet_rows(content: bytes, *, data_only: bool) -> Iterator[tuple]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=data_only)
    try:
        sheet = workbook.worksheets[0]
        # The declared size fails a forged sheet at once; the count below holds
        # whatever the sheet declares (a wrong size would cut rows silently).
        if (sheet.max_row or 0) > MAX_ROWS + 1:
            raise _too_many_rows()
        if (sheet.max_column or 0) > MAX_COLUMNS:
            raise _unreadable(
                _(
                    "The sheet has cells beyond column %(letter)s, far more than a "
                    "roster needs. Delete the columns on the right, or copy the roster "
                    "into a new sheet."
                )
                % {"letter": _letter(MAX_COLUMNS - 1)}
            )
        sheet.reset_dimensions()
        for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS + 1:
                raise _too_many_rows()
            yield cells
    finally:
        workbook.close()


def _xlsx_records(content: bytes) -> Iterator[list]:
    # Sizes come from the archive's directory; zipfile never unpacks more than they say.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:
        raise _unreadable(
            _(
                "The workbook unpacks to %(size)d MB; a roster needs far less (at most "
                "%(max)d MB). Save only the roster sheet, without pictures or other "
                "sheets, or save it as CSV."
            )
            % {"size": unpacked >> 20, "max": MAX_UNPACKED_BYTES >> 20}
        )
    records: list[list] = []
    formulas: list[tuple[int, int]] = []
    for number, cells in enumerate(_sheet_rows(content, data_only=False)):
        record = []
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                formulas.append((number, index))
            record.append(cell.value)
        records.append(record)
    if formulas:
        # Only then a second reading, for the values the formulas were saved with.
        cached = [
            [cell.value for cell in cells]
            for cells in _sheet_rows(content, data_only=True)
        ]
        for number, index in formulas:
            value = cached[number][index]
            records[number][index] = UNCALCULATED if value is None else value
    for record in records:
        yield [
            value if value is UNCALCULATED else _cell_text(value) for value in record
        ]


def _clean(value: str, column: Column | None = None) -> str:
    form = "NFKC" if column is not None and column.folded else "NFC"
    return unicodedata.normalize(form, value).strip()


def _read_header(
    record: list[str], result: RosterRows, columns: tuple[Column, ...]
) -> dict[int, Column]:
    headers = header_map(columns)
    positions: dict[int, Column] = {}
    for index, raw in enumerate(record):
        header = _clean(raw)
        if not header:
            continue
        column = headers.get(normalise_header(header))
        if column is None:
            result.errors.append(
                RosterError(
                    RosterErrorCode.UNKNOWN_COLUMN,
                    _("“%(header)s” is not a roster column.") % {"header": header},
                    row=1,
                    column=header,
                )
            )
        elif column.field in result.headers:
            result.errors.append(
                RosterError(
                    RosterErrorCode.DUPLICATE_COLUMN,
                    _("The %(column)s column is given twice.")
                    % {"column": column.label},
                    row=1,
                    column=header,
                )
            )
        else:
            result.headers[column.field] = header
            positions[index] = column
    for column in columns:
        if column.required and column.field not in result.headers:
            result.errors.append(
                RosterError(
                    RosterErrorCode.MISSING_COLUMN,
                    _("The %(column)s column is missing (header %(header)s).")
                    % {"column": column.label, "header": column.headers[0]},
                    row=1,
                    column=column.headers[0],
                )
            )
    return positions


def _row_values(
    number: int, record: list, positions: dict[int, Column], result: RosterRows
) -> dict[str, str]:
    values = {}
    for index, raw in enumerate(record):
        column = positions.get(index)
        if raw is UNCALCULATED:
            result.errors.append(
                RosterError(
                    RosterErrorCode.UNCALCULATED_FORMULA,
                    _(
                        "This cell holds a formula that was never calculated, so it has "
                        "no value. Open the file in Excel or WPS and save it again, or "
                        "paste the values in place of the formulas."
                    ),
                    row=number,
                    column=result.headers[column.field] if column else _letter(index),
                )
            )
        elif column is not None:
            values[column.field] = _clean(raw, column)
        elif raw.strip():
            result.errors.append(
                RosterError(
                    RosterErrorCode.CELL_WITHOUT_HEADER,
                    _(
                        "“%(value)s” is in a column without a header. Delete it, or "
                        "give the column one of the roster's headers."
                    )
                    % {"value": Truncator(raw.strip()).chars(40)},
                    row=number,
                    column=_letter(index),
                )
            )
    return values


def _letter(index: int) -> str:
    # Spreadsheet programs show CSV files too with lettered columns.
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def read_roster(
    content: bytes, filename: str = "", columns: tuple[Column, ...] = COLUMNS
) -> RosterRows:
    """Every non-blank row after the header, numbered as a spreadsheet numbers them.

    `columns` defaults to the roster's; the department import reads its own. Errors
    about one row (a cell without a header, an uncalculated formula) come with the
    rows read; errors about the whole file come alone.
    """
    try:
        return _read(content, filename, columns)
    except _Refused as refused:
        return RosterRows(errors=refused.errors)
    except (UnicodeDecodeError, ValueError, csv.Error):
        message = _(
            "The file could not be read as CSV (UTF-8 or GBK) or as an Excel workbook."
        )
    # A damaged workbook can fail in many ways inside openpyxl and zipfile.
    except Exception:
        message = _("The Excel workbook is damaged or not a roster.")
    return RosterRows(errors=_unreadable(message).errors)


def _read(content: bytes, filename: str, columns: tuple[Column, ...]) -> RosterRows:
    if content.startswith(OLE_MAGIC):
        raise _unreadable(
            _(
                "This is an old-style .xls workbook. Save it as .xlsx or CSV and "
                "upload again."
            )
        )
    is_xlsx = content.startswith(XLSX_MAGIC)
    if not is_xlsx and filename.lower().endswith(".xlsx"):
        raise _unreadable(_("The file is named .xlsx but is not an Excel workbook."))
    records = _xlsx_records(content) if is_xlsx else _csv_records(content)
    result = RosterRows()
    positions: dict[int, Column] | None = None
    for number, record in enumerate(records, start=1):
        if number > MAX_ROWS + 1:
            raise _too_many_rows()
        if positions is None:
            header = ["" if raw is UNCALCULATED else raw for raw in record]
            positions = _read_header(header, result, columns)
            if result.errors:
                return result
            continue
        values = _row_values(number, record, positions, result)
        if any(values.values()):
            result.rows.append((number, values))
    if positions is None:
        raise _unreadable(_("The file is empty."))
    if not result.rows and not result.errors:
        result.errors.append(
            RosterError(
                RosterErrorCode.NO_ROWS, _("The file has a header but no people.")
            )
        )
    return result
