"""Reading a member list as German Excel writes it: CSV (UTF-8 with or without BOM, or Windows-1252;
``;`` or ``,``) or XLSX (first sheet, title rows above the header allowed)."""

import csv
import dataclasses
import io
import zipfile

from django.utils.translation import gettext as _

from members.imports.mapping import COLUMN_LABELS, REQUIRED_COLUMNS, column_key

# Title rows above the header: how far down the header row is looked for.
HEADER_SEARCH_ROWS = 30
MAX_FILE_BYTES = 5 * 1024 * 1024


class UnreadableFile(Exception):
    """The file as a whole cannot be read; nothing is imported."""


@dataclasses.dataclass
class Table:
    header_line: int
    # (line number as a spreadsheet shows it, {column key: raw cell value})
    rows: list[tuple[int, dict]]
    unknown_columns: list[str]


def read_table(content: bytes) -> Table:
    if not content:
        raise UnreadableFile(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    if content.startswith(b"PK\x03\x04"):
        lines = _xlsx_lines(content)
    elif content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("This is the old Excel format (.xls). Please save the list as .xlsx or as CSV and upload it again.")
        )
    else:
        lines = _csv_lines(content)
    return _find_header(lines)


def _xlsx_lines(content: bytes) -> list[tuple[int, list]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise UnreadableFile(_("The file is not a readable Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        lines = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            lines.append((number, list(row)))
        return lines
    finally:
        workbook.close()


def _decode(content: bytes) -> str:
    if b"\x00" in content:
        raise UnreadableFile(_("The file is neither CSV nor XLSX."))
    if content.startswith(b"\xef\xbb\xbf"):
        return content[3:].decode("utf-8", errors="strict")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # What German Excel writes as "CSV (Trennzeichen-getrennt)".
        return content.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is neither CSV nor XLSX.")) from exc


def _csv_lines(content: bytes) -> list[tuple[int, list]]:
    try:
        text = _decode(content)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(_("The file is neither CSV nor XLSX.")) from exc
    sample = "\n".join(text.splitlines()[:HEADER_SEARCH_ROWS])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    try:
        # A record is a row in the spreadsheet, even when a quoted cell spans lines.
        return [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1)]
    except csv.Error as exc:
        raise UnreadableFile(_("The file is neither CSV nor XLSX.")) from exc


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _find_header(lines: list[tuple[int, list]]) -> Table:
    for index, (number, cells) in enumerate(lines[:HEADER_SEARCH_ROWS]):
        keys = [column_key(_cell_text(cell)) for cell in cells]
        known = {key for key in keys if key}
        if len(known) < 3:
            continue
        missing = [COLUMN_LABELS[key] for key in REQUIRED_COLUMNS if key not in known]
        if missing:
            raise UnreadableFile(
                _("Required columns are missing: %(columns)s. The header row is line %(line)s.")
                % {"columns": ", ".join(missing), "line": number}
            )
        unknown = [_cell_text(cell) for cell, key in zip(cells, keys, strict=True) if not key and _cell_text(cell)]
        rows = []
        for row_number, row_cells in lines[index + 1 :]:
            values = {}
            for key, cell in zip(keys, row_cells, strict=False):
                if key and key not in values:
                    values[key] = cell.strip() if isinstance(cell, str) else cell
            if any(_cell_text(value) for value in values.values()):
                rows.append((row_number, values))
        return Table(header_line=number, rows=rows, unknown_columns=unknown)
    raise UnreadableFile(
        _("No header row found. Expected column names such as: %(columns)s.")
        % {"columns": ", ".join(COLUMN_LABELS[key] for key in REQUIRED_COLUMNS)}
    )
