"""Reading the spreadsheets people upload (XLSX and CSV), within limits that a small hostile file cannot pass.

An XLSX is a zip of XML: a few kilobytes can unpack to gigabytes, and a sheet may declare the largest range
Excel knows (``A1:XFD1048576``), which openpyxl fills with empty cells when every row is asked for. So before
the workbook is opened, the zip's directory must promise at most ``unpacked_bytes``, and no more than a hundred
times the file's own size (zipfile never hands out more than an entry declares, and reading time grows with the
unpacked XML); a sheet declaring more rows or columns than the import reads is refused; the rows are then read
with the declaration ignored, in at most ``columns`` columns, and a row with content below line ``rows`` refuses
the file.

CSV is read as UTF-8 (with or without BOM). Windows-1252, what German Excel writes as "CSV
(Trennzeichen-getrennt)", is taken only for a file with no UTF-8 beyond ASCII in it: a file with UTF-8 umlauts
and one invalid byte is a damaged UTF-8 file, refused with the line of that byte, not read as Windows-1252
throughout (every umlaut would become "Ã¤"). The price: a Windows-1252 file that happens to hold a valid
UTF-8 pair (such as "Ã" followed by "¤") is refused the same way, and reads once saved as "CSV UTF-8".

A CSV cell longer than Excel allows (32,767 characters) refuses the file; openpyxl cuts such a cell in a workbook.
"""

import csv
import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator

from django.utils.formats import number_format
from django.utils.translation import gettext as _

# (line number as a spreadsheet shows it, cells); only rows with content are returned.
Row = tuple[int, list]

EXCEL_ROWS = 1_048_576
EXCEL_CELL_CHARS = 32_767
_MAX_ZIP_ENTRIES = 1_000
_MAX_RATIO = 100
_MIN_UNPACKED_BYTES = 1_000_000
# The delimiter is chosen from the first lines only, and from no more than this many characters of them.
_SAMPLE_LINES = 30
_SAMPLE_CHARS = 65_536
# A valid multi-byte UTF-8 sequence: one is enough to say the file was meant to be UTF-8.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclasses.dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    unpacked_bytes: int
    sheets: int = 1


class UnreadableSpreadsheet(ValueError):
    """The file as a whole cannot be read; the message says why, in the user's language."""


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


# --- XLSX ------------------------------------------------------------------------------------------


def xlsx_sheets(content: bytes, *, limits: Limits) -> Iterator[list[Row]]:
    """The rows with content of each sheet, one sheet at a time (the first ``limits.sheets``)."""
    _check_archive(content, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise UnreadableSpreadsheet(_("The file is not a readable Excel workbook (.xlsx).")) from error
    try:
        for sheet in workbook.worksheets[: limits.sheets]:
            yield _sheet_rows(sheet, limits)
    finally:
        workbook.close()


def xlsx_rows(content: bytes, *, limits: Limits) -> list[Row]:
    """The rows with content of the first sheet."""
    sheets = xlsx_sheets(content, limits=dataclasses.replace(limits, sheets=1))
    try:
        return next(sheets, [])
    finally:
        sheets.close()


def _check_archive(content: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise UnreadableSpreadsheet(_("The file is not a readable Excel workbook (.xlsx).")) from error
    unpacked = sum(entry.file_size for entry in entries)
    size = {"size": _number(max(1, unpacked // 1_000_000)), "max": _number(limits.unpacked_bytes // 1_000_000)}
    if len(entries) > _MAX_ZIP_ENTRIES or unpacked > _unpacked_allowance(content):
        raise UnreadableSpreadsheet(
            _(
                "Unpacked, this workbook would take %(size)s MB, far more than its content could need; it is not "
                "read. Please save the table again with Excel or LibreOffice."
            )
            % size
        )
    if unpacked > limits.unpacked_bytes:
        raise UnreadableSpreadsheet(
            _("Unpacked, this workbook would take %(size)s MB; at most %(max)s MB are read. Please split the table.")
            % size
        )


def _unpacked_allowance(content: bytes) -> int:
    # Real workbooks unpack to 5 to 20 times their size (a list of 20,000 people: 1.2 MB to 13 MB); a zip bomb to
    # thousands. Reading time grows with the unpacked XML, so a small file gets only a small amount of work.
    return max(_MIN_UNPACKED_BYTES, _MAX_RATIO * len(content))


def _sheet_rows(sheet, limits: Limits) -> list[Row]:
    declared_rows, declared_columns = sheet.max_row or 0, sheet.max_column or 0
    if declared_rows > limits.rows or declared_columns > limits.columns:
        raise UnreadableSpreadsheet(
            _(
                "The sheet “%(sheet)s” declares %(declared_rows)s rows and %(declared_columns)s columns; at most "
                "%(rows)s rows and %(columns)s columns are read. Please save the table again with Excel or "
                "LibreOffice, or split it."
            )
            % {
                "sheet": sheet.title[:31],
                "declared_rows": _number(declared_rows),
                "declared_columns": _number(declared_columns),
                "rows": _number(limits.rows),
                "columns": _number(limits.columns),
            }
        )
    sheet.reset_dimensions()
    rows = []
    try:
        # Rows are counted as the spreadsheet shows them (openpyxl fills the gaps); never beyond Excel's last row.
        cells_by_line = sheet.iter_rows(max_row=EXCEL_ROWS, max_col=limits.columns, values_only=True)
        for line, cells in enumerate(cells_by_line, start=1):
            if cells.count(None) != len(cells) and (checked := _checked(line, list(cells), limits)):
                rows.append((line, checked))
    except UnreadableSpreadsheet:
        raise
    except Exception as error:  # a part of the zip that is not the XML it claims to be
        raise UnreadableSpreadsheet(_("The file is not a readable Excel workbook (.xlsx).")) from error
    return rows


def _checked(line: int, cells: list, limits: Limits) -> list:
    """The row's cells without the empty ones at its end; refuses a row below the limit or an overlong cell."""
    while cells and (cells[-1] is None or (isinstance(cells[-1], str) and not cells[-1].strip())):
        cells.pop()
    if cells and line > limits.rows:
        raise UnreadableSpreadsheet(
            _("Line %(line)s lies beyond the %(rows)s rows an import reads. Please split the table.")
            % {"line": line, "rows": _number(limits.rows)}
        )
    for cell in cells:
        if isinstance(cell, str) and len(cell) > EXCEL_CELL_CHARS:
            raise UnreadableSpreadsheet(
                _("Line %(line)s: a cell is longer than %(max)s characters.")
                % {"line": line, "max": _number(EXCEL_CELL_CHARS)}
            )
    return cells


# --- CSV -------------------------------------------------------------------------------------------


def csv_rows(content: bytes, *, limits: Limits, delimiter: str | None = None) -> list[Row]:
    """The rows with content of a CSV file; the delimiter (; , or tab) is guessed from the first lines if not given.

    A record is a row as the spreadsheet shows it, even when a quoted cell spans lines.
    """
    text = decode_text(content)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter or _guess_delimiter(text))
    rows, line = [], 0
    try:
        for line, cells in enumerate(reader, start=1):
            if checked := _checked(line, cells[: limits.columns], limits):
                rows.append((line, checked))
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            message = _("Line %(line)s: a cell is longer than %(max)s characters.")
        else:
            message = _("Line %(line)s cannot be read as CSV.")
        raise UnreadableSpreadsheet(message % {"line": line + 1, "max": _number(EXCEL_CELL_CHARS)}) from None
    return rows


def _guess_delimiter(text: str) -> str:
    """The most frequent of ; , and tab in the first lines; ";" (German Excel's) when in doubt.

    csv.Sniffer is not used: its quote detection takes minutes on a long line of quotes and semicolons.
    """
    sample = "\n".join(text[:_SAMPLE_CHARS].splitlines()[:_SAMPLE_LINES])
    counts = {delimiter: sample.count(delimiter) for delimiter in (";", ",", "\t")}
    return max(counts, key=lambda delimiter: (counts[delimiter], delimiter == ";"))


def decode_text(content: bytes) -> str:
    """The text of a CSV file: UTF-8, or Windows-1252 for a file with no UTF-8 beyond ASCII (see above)."""
    if b"\x00" in content:
        raise UnreadableSpreadsheet(_("The file is neither CSV nor XLSX."))
    has_bom = content.startswith(b"\xef\xbb\xbf")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if has_bom or _UTF8_SEQUENCE.search(content):
            raise UnreadableSpreadsheet(
                _(
                    "Line %(line)s contains a character that is not valid UTF-8, while the rest of the file is "
                    "UTF-8. Please correct that line, or save the table again as “CSV UTF-8”."
                )
                % {"line": _line_of(error.object, error.start)}
            ) from None
    try:
        return content.decode("cp1252")
    except UnicodeDecodeError:
        raise UnreadableSpreadsheet(_("The file is neither CSV nor XLSX.")) from None


def _line_of(content: bytes, offset: int) -> int:
    """The record (row as a spreadsheet shows it) in which byte ``offset`` lies (``content`` without its BOM)."""
    before = content[:offset].decode("utf-8")
    try:
        # The delimiter matters: a quote opens a quoted cell only at the start of one.
        return sum(1 for _record in csv.reader(io.StringIO(before + "?"), delimiter=_guess_delimiter(before)))
    except csv.Error:
        return before.count("\n") + 1
