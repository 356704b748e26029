"""Bytes of a CSV or XLSX roster to rows of text keyed by field, or errors."""

import codecs
import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from citylearn.organisation.enums import RosterErrorCode
from citylearn.organisation.roster.columns import (
    COLUMNS,
    Column,
    header_map,
    normalise_header,
)
from citylearn.organisation.roster.errors import RosterError

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 .xls format
# A workbook is a zip archive; refuse one that unpacks to far more than it weighs.
MAX_UNPACK_RATIO = 100


@dataclass
class RosterRows:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)  # field -> header as written
    errors: list[RosterError] = field(default_factory=list)


def _unreadable(message: str) -> RosterRows:
    return RosterRows(errors=[RosterError(RosterErrorCode.UNREADABLE_FILE, message)])


def _decode(content: bytes) -> str:
    # Excel on Chinese Windows saves "CSV" in GB18030/GBK; "CSV UTF-8" adds a BOM.
    if content.startswith(codecs.BOM_UTF8):
        return content[len(codecs.BOM_UTF8) :].decode("utf-8")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return content.decode("utf-16")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("gb18030")


def _csv_records(content: bytes) -> Iterator[list[str]]:
    text = _decode(content)
    if "\x00" in text:
        raise ValueError("NUL byte")
    yield from csv.reader(io.StringIO(text, newline=""))


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        # Excel stores a typed-in employee id or phone number as a float.
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value)


def _xlsx_records(content: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACK_RATIO * max(len(content), 1 << 20):
        raise ValueError("workbook unpacks too large")
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield [_cell_text(value) for value in values]
    finally:
        workbook.close()


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


def read_roster(
    content: bytes, filename: str = "", columns: tuple[Column, ...] = COLUMNS
) -> RosterRows:
    """Every non-blank row after the header, numbered as a spreadsheet numbers them.

    `columns` defaults to the roster's; the department import reads its own.
    """
    if content.startswith(OLE_MAGIC):
        return _unreadable(
            _(
                "This is an old-style .xls workbook. Save it as .xlsx or CSV and upload again."
            )
        )
    is_xlsx = content.startswith(XLSX_MAGIC)
    if not is_xlsx and filename.lower().endswith(".xlsx"):
        return _unreadable(_("The file is named .xlsx but is not an Excel workbook."))
    records = _xlsx_records(content) if is_xlsx else _csv_records(content)
    result = RosterRows()
    try:
        positions: dict[int, Column] | None = None
        for number, record in enumerate(records, start=1):
            if positions is None:
                positions = _read_header(record, result, columns)
                if result.errors:
                    return result
                continue
            values = {
                column.field: _clean(record[i], column)
                for i, column in positions.items()
                if i < len(record)
            }
            if any(values.values()):
                result.rows.append((number, values))
    except (UnicodeDecodeError, ValueError, csv.Error):
        return _unreadable(
            _(
                "The file could not be read as CSV (UTF-8 or GBK) or as an Excel workbook."
            )
        )
    # A damaged workbook can fail in many ways inside openpyxl and zipfile.
    except Exception:
        return _unreadable(_("The Excel workbook is damaged or not a roster."))
    if positions is None:
        return _unreadable(_("The file is empty."))
    if not result.rows:
        result.errors.append(
            RosterError(
                RosterErrorCode.NO_ROWS, _("The file has a header but no people.")
            )
        )
    return result
