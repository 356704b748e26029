"""Cells that a spreadsheet program shows as plain text, whoever wrote them.

Every CSV or XLSX export of the project passes its values through safe_cell(): text a
visitor or an editor typed must never run as a formula when an officer opens the file,
and a stray control character must not make the export fail (XLSX cannot hold it).
"""

import csv
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from django.http import StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

# Excel on Chinese Windows reads a CSV as GBK unless it starts with this byte order mark.
BOM = "\ufeff"
# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def without_control_characters(text: str) -> str:
    """The text without the control characters XLSX cannot hold; tabs and line breaks stay."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def safe_cell(value):
    """The value as a cell that is never a formula and never refused by XLSX."""
    if not isinstance(value, str):
        return value
    value = without_control_characters(value)
    if value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    def write(self, value):
        return value


def csv_lines(rows: Iterable[list]) -> Iterator[str]:
    """The rows as CSV lines of safe cells, for a streaming response."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([safe_cell(value) for value in row])


def csv_response(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """A CSV download of safe cells that Excel opens as UTF-8, streamed row by row."""
    response = StreamingHttpResponse(
        _with_bom(csv_lines(rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _with_bom(lines: Iterator[str]) -> Iterator[str]:
    yield BOM
    yield from lines


def write_csv(file: TextIO, rows: Iterable[list]) -> None:
    """Write the rows as CSV of safe cells that Excel opens as UTF-8."""
    file.writelines(_with_bom(csv_lines(rows)))


def write_xlsx(file: BinaryIO, rows: Iterable[list], *, title: str) -> None:
    """Write the rows as a one-sheet workbook of safe cells, without holding them all.

    Write-only mode keeps one row in memory, not the sheet.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for row in rows:
        sheet.append([safe_cell(value) for value in row])
    workbook.save(file)


class SafeSpreadsheetExportMixin:
    """For a Wagtail view with spreadsheet export: every exported cell is a safe_cell()."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))
