"""CSV files that German Excel opens correctly (UTF-8 with BOM, semicolons) and safely.

A cell that starts with = + - @ (or a tab / carriage return) would be run as a formula
by spreadsheet programs; such cells get a leading apostrophe (OWASP "CSV injection").
"""

import csv
import io

from django.http import HttpResponse

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


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
