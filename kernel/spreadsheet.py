"""CSV files that German Excel opens correctly (UTF-8 with BOM, semicolons) and safely.

A text cell that starts with = + - @ (or a tab / carriage return) would be run as a formula
by spreadsheet programs; such cells get a leading apostrophe (OWASP "CSV injection").
Numbers are written as German Excel reads them: a decimal comma and no thousands separator
(`8000000,00`; German Excel takes `8000000.00` for a number with thousands dots). A genuine
negative number stays a number: the formula guard is for text only.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, int | float | Decimal):
        return german_number(value)
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def german_number(value: int | float | Decimal) -> str:
    """`-1234.5` → `-1234,5`: the decimal comma, no grouping, exact for Decimal."""
    if isinstance(value, float):
        value = Decimal(repr(value))
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",")


def excel_csv(rows, header) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def excel_csv_response(rows, header, *, filename: str) -> HttpResponse:
    response = HttpResponse(excel_csv(rows, header), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_text(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith("=") else text


def xlsx_response(rows, header, *, filename: str, sheet_title: str = "Daten") -> HttpResponse:
    """The same rows as an Excel workbook; numbers stay numbers, text is stored as text.

    A workbook stores each cell's type, so only text that openpyxl would turn into a formula (starting
    with "=") needs the apostrophe; "------" or "+49 …" stay as they are.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    sheet.append([_xlsx_text(cell) for cell in header])
    for row in rows:
        sheet.append([cell if isinstance(cell, int | float | Decimal) else _xlsx_text(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
