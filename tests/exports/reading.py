"""Exported files read back as a spreadsheet program would."""

import csv
import io

from openpyxl import load_workbook


def xlsx_rows(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith("\ufeff".encode()), "no BOM: Excel would read GBK"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def download(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content
