"""Real roster files as HR offices produce them: CSV in several encodings, and XLSX."""

import codecs
import io
import zipfile

from openpyxl import Workbook

CHINESE_HEADER = ["工号", "姓名", "部门编码", "职务", "邮箱", "手机"]
ENGLISH_HEADER = [
    "employee_id",
    "name",
    "department_code",
    "position",
    "email",
    "phone",
]


def person(employee_id, name="王芳", department="S1-C1", position="科员", phone=""):
    return [
        employee_id,
        name,
        department,
        position,
        f"{employee_id.lower()}@example.org",
        phone,
    ]


def csv_text(rows, header=CHINESE_HEADER) -> str:
    lines = [",".join(header)] + [",".join(row) for row in rows]
    return "\r\n".join(lines) + "\r\n"


def gbk_csv(rows, header=CHINESE_HEADER) -> bytes:
    return csv_text(rows, header).encode("gbk")


def bom_csv(rows, header=CHINESE_HEADER) -> bytes:
    return codecs.BOM_UTF8 + csv_text(rows, header).encode("utf-8")


def utf8_csv(rows, header=CHINESE_HEADER) -> bytes:
    return csv_text(rows, header).encode("utf-8")


def xlsx(rows, header=CHINESE_HEADER, numeric_ids=False) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        if numeric_ids:
            row = [float(row[0]), *row[1:]]
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def forged_xlsx(content: bytes, sheet=lambda xml: xml, extra=None) -> bytes:
    """A workbook rewritten as a forger or an odd program would: the sheet's XML
    edited, and extra members (name -> bytes) added to the archive."""
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == SHEET:
                data = sheet(data.decode()).encode()
            target.writestr(info, data)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()
