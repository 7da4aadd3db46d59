"""Reading a member list as German Excel writes it: CSV (UTF-8 with or without BOM, or Windows-1252;
``;`` or ``,``) or XLSX (first sheet, title rows above the header allowed).

The file is read within limits (size unpacked, rows, columns, cell length) by kernel.spreadsheet_reading,
which also decides the encoding: a UTF-8 list with one damaged byte is refused with its line.
"""

import dataclasses
import datetime

from django.utils.translation import gettext as _

from kernel.spreadsheet_reading import Limits, UnreadableSpreadsheet, csv_rows, xlsx_rows
from members.imports.mapping import COLUMN_LABELS, REQUIRED_COLUMNS, column_key

# Title rows above the header: how far down the header row is looked for (rows with content).
HEADER_SEARCH_ROWS = 30
MAX_FILE_BYTES = 5 * 1024 * 1024
# A real list of 20,000 people fills 15 columns and unpacks to 13 MB; these leave room for more than twice that.
LIMITS = Limits(rows=50_000, columns=100, unpacked_bytes=60_000_000)


class UnreadableFile(Exception):
    """The file as a whole cannot be read; nothing is imported."""


@dataclasses.dataclass
class Table:
    header_line: int
    # (line number as a spreadsheet shows it, {column key: raw cell value})
    rows: list[tuple[int, dict]]
    unknown_columns: list[str]
    # The header row's cells and each row's own cells, as the file has them (the file of skipped rows repeats them).
    header: list[str] = dataclasses.field(default_factory=list)
    cells: dict[int, list] = dataclasses.field(default_factory=dict)


def read_table(content: bytes) -> Table:
    if not content:
        raise UnreadableFile(_("The file is empty."))
    if len(content) > MAX_FILE_BYTES:
        raise UnreadableFile(_("The file is larger than 5 MB."))
    if content.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFile(
            _("This is the old Excel format (.xls). Please save the list as .xlsx or as CSV and upload it again.")
        )
    try:
        if content.startswith(b"PK\x03\x04"):
            lines = xlsx_rows(content, limits=LIMITS)
        else:
            lines = csv_rows(content, limits=LIMITS)
    except UnreadableSpreadsheet as exc:
        raise UnreadableFile(str(exc)) from exc
    return _find_header(lines)


def _cell_text(value) -> str:
    return "" if value is None else str(value).strip()


def _kept(cell):
    """A cell as a report keeps it (JSON): numbers as they are, dates as German Excel writes them, text as text."""
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else str(cell)
    if isinstance(cell, int | float):
        return cell
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.strftime("%d.%m.%Y")
    return str(cell)


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
        rows, raw = [], {}
        for row_number, row_cells in lines[index + 1 :]:
            values = {}
            for key, cell in zip(keys, row_cells, strict=False):
                if key and key not in values:
                    values[key] = cell.strip() if isinstance(cell, str) else cell
            if any(_cell_text(value) for value in values.values()):
                rows.append((row_number, values))
                raw[row_number] = [_kept(cell) for cell in row_cells[: len(cells)]]
        header = [_cell_text(cell) for cell in cells]
        return Table(header_line=number, rows=rows, unknown_columns=unknown, header=header, cells=raw)
    raise UnreadableFile(
        _("No header row found. Expected column names such as: %(columns)s.")
        % {"columns": ", ".join(COLUMN_LABELS[key] for key in REQUIRED_COLUMNS)}
    )
