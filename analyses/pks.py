"""Reading the BKA's police crime statistics (PKS) city and district tables, in both shapes the BKA publishes.

- Older years: CSV, one header row, semicolons, Windows-1252 or UTF-8, ASCII spellings (``Schluessel``,
  ``erfasste Faelle``, ``Aufklaerungsquote``).
- Newer years: XLSX with title rows above a two-row header in which a group heading (``Aufklärung``,
  ``Tatverdächtige`` …) spans its sub-columns (``Anzahl Fälle`` / ``AQ``, ``insgesamt`` / ``männlich`` …).

The header is found by its names, never by its position. Reading only parses: nothing here touches the
database, so a file of the wrong shape is refused before anything is written (``PksFormatError``).
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.utils.translation import gettext as _

from analyses.models import Area, CrimeFigure
from analyses.pks_header import find_header, norm
from kernel.parse import german_number
from kernel.spreadsheet_reading import Limits, Row, UnreadableSpreadsheet, csv_rows, xlsx_sheets

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
# The BKA's largest table (every district, every offence key) has some 100,000 rows of 17 columns.
LIMITS = Limits(rows=400_000, columns=60, unpacked_bytes=400_000_000, sheets=5)
# What the columns hold (PositiveIntegerField: 2^31 - 1 in PostgreSQL); a larger figure is a row error, not a 500.
_MAX_COUNT = 2_147_483_647
_DECIMAL_FIELDS = {name: CrimeFigure._meta.get_field(name) for name in ("frequency", "clearance_rate")}
_MAX_DECIMAL = {name: Decimal(10) ** (f.max_digits - f.decimal_places) for name, f in _DECIMAL_FIELDS.items()}
_MAX_TEXT = {name: CrimeFigure._meta.get_field(name).max_length for name in ("offence_name", "area_name")}


class PksFormatError(ValueError):
    """The file is not a PKS city or district table this reader understands."""


@dataclass(frozen=True)
class PksRow:
    line: int  # as a spreadsheet shows it (1-based)
    offence_key: str
    offence_name: str
    municipality_key: str
    area_name: str
    area: str  # analyses.models.Area value
    cases: int
    frequency: Decimal | None = None
    attempts: int | None = None
    cleared: int | None = None
    clearance_rate: Decimal | None = None
    suspects: int | None = None
    suspects_male: int | None = None
    suspects_female: int | None = None
    suspects_non_german: int | None = None


@dataclass
class PksTable:
    year: int
    rows: list[PksRow] = field(default_factory=list)
    title: str = ""


_INTEGERS = ("cases", "attempts", "cleared", "suspects", "suspects_male", "suspects_female", "suspects_non_german")
_DECIMALS = ("frequency", "clearance_rate")


# --- Raw cells ---------------------------------------------------------------------------------


def _rows_with_header(data: bytes, *, is_workbook: bool) -> tuple[list[Row], tuple | None]:
    """The rows of the first sheet with a PKS header (or of the first sheet), and that header."""
    if not is_workbook:
        # The BKA's CSV files: semicolons, Windows-1252 or UTF-8 (see kernel.spreadsheet_reading).
        rows = csv_rows(data, limits=LIMITS, delimiter=";")
        return rows, find_header(rows)
    first = None
    for rows in xlsx_sheets(data, limits=LIMITS):
        found = find_header(rows)
        if found is not None:
            return rows, found
        first = rows if first is None else first
    return first or [], None


def _shown(value) -> str:
    """A cell as a message quotes it: the start of a long one is enough."""
    text = _("(empty)") if value in (None, "") else str(value)
    return text if len(text) <= 40 else f"{text[:40]}…"


# --- Rows ------------------------------------------------------------------------------------------


def _municipality_key(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"\s", "", "" if value is None else str(value))
    if not text.isdigit():
        return text
    if len(text) in (1, 4, 7):  # a leading zero lost in a numeric cell
        text = text.zfill(len(text) + 1)
    return text


def _area(key: str, name: str, kind: str) -> str | None:
    lowered = norm(name)
    if "bundesrepublik" in lowered or lowered == "deutschland" or key in {"0", "00"}:
        return Area.FEDERAL
    if len(key) == 2:
        return Area.STATE
    if len(key) == 5:
        return Area.DISTRICT
    if len(key) == 8:
        return Area.MUNICIPALITY
    return None


def _row(cells: list, columns: dict[str, int], line: int) -> PksRow | None:
    def cell(name):
        position = columns.get(name)
        return cells[position] if position is not None and position < len(cells) else None

    offence_key = "" if cell("offence_key") is None else str(cell("offence_key")).strip()
    raw_key = cell("municipality_key")
    area_name = "" if cell("area_name") is None else str(cell("area_name")).strip()
    offence_name = str(cell("offence_name") or "").strip() or offence_key
    if raw_key in (None, "") and not area_name:
        return None  # an empty line, or a footnote below the table (text in the first column only)
    if isinstance(cell("offence_key"), int | float) and not isinstance(cell("offence_key"), bool):
        # A key typed into a number cell lost its leading zeros; 1e309 in such a cell is infinity, no key.
        number = cell("offence_key")
        offence_key = str(int(number)).zfill(6) if 0 <= number < 1_000_000 and number == int(number) else "?"
    if not offence_key or len(offence_key) > 6 or offence_key == "?":
        raise _error(line, _("%(value)s is not an offence key."), cell("offence_key"))
    municipality_key = _municipality_key(raw_key)

    area = _area(municipality_key, area_name, str(cell("area_kind") or ""))
    if area is None:
        raise _error(line, _("%(value)s is not a municipality key."), raw_key)
    if area == Area.FEDERAL:
        municipality_key = "00"
    for name, text in (("offence_name", offence_name), ("area_name", area_name)):
        if len(text) > _MAX_TEXT[name]:
            raise _error(
                line, _("“%(value)s” is longer than the %(max)s characters a name may have."), text, max=_MAX_TEXT[name]
            )
    values = {name: _figure(name, cell(name), line) for name in (*_INTEGERS, *_DECIMALS)}
    if values["cases"] is None:
        raise _line_error(line, _("The number of recorded cases is missing."))
    return PksRow(
        line=line,
        offence_key=offence_key,
        offence_name=offence_name,
        municipality_key=municipality_key,
        area_name=area_name or municipality_key,
        area=area,
        **values,
    )


def _figure(name: str, value, line: int) -> int | Decimal | None:
    """A count or a rate of the row, checked against what its column holds."""
    try:
        number = german_number(value)
    except ValueError:
        raise _error(line, _("%(value)s is not a number."), value) from None
    if number is None:
        return None
    if name in _INTEGERS:
        if number != number.to_integral_value() or number < 0:
            raise _error(line, _("%(value)s is not a count."), value)
        if number > _MAX_COUNT:
            raise _too_large(name, value, line)
        return int(number)
    if abs(number) >= _MAX_DECIMAL[name]:
        raise _too_large(name, value, line)
    return number.quantize(Decimal("0.1"))  # stored with one decimal; compare as stored


def _too_large(name: str, value, line: int) -> PksFormatError:
    message = _("%(value)s is larger than the column “%(column)s” holds.")
    return _error(line, message, value, column=CrimeFigure._meta.get_field(name).verbose_name)


def _error(line: int, message: str, value, **more) -> PksFormatError:
    """A row's error: its line, then what is wrong with the value (quoted short)."""
    return _line_error(line, message % {"value": _shown(value), **more})


def _line_error(line: int, problem: str) -> PksFormatError:
    return PksFormatError(_("Line %(line)s: %(problem)s") % {"line": line, "problem": problem})


def _year(title: str, filename: str) -> int | None:
    for text in (title, Path(filename).name):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1))
    return None


def read_table(data: bytes, *, filename: str, year: int | None = None) -> PksTable:
    """Parse a PKS table (CSV or XLSX bytes). Raises PksFormatError for anything of the wrong shape."""
    if not data:
        raise PksFormatError(_("The file is empty."))
    is_workbook = data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm"))
    try:
        rows, found = _rows_with_header(data, is_workbook=is_workbook)
    except UnreadableSpreadsheet as error:
        raise PksFormatError(str(error)) from None
    if found is None:
        raise PksFormatError(
            _(
                "No PKS header found: the table needs the columns Schlüssel, Gemeindeschlüssel, "
                "Stadt (or Stadt-/Landkreis) and erfasste Fälle."
            )
        )
    header_row, data_row, columns = found
    title = " ".join(str(cell)[:200] for _line, cells in rows[:header_row] for cell in cells if cell not in (None, ""))
    if year is None:
        year = _year(title, filename)
    if year is None:
        raise PksFormatError(
            _(
                "The year is neither in the title nor in the file name; please give it "
                "(in the year field, or with --year)."
            )
        )
    table = PksTable(year=year, title=title)
    seen = set()
    for line, cells in rows[data_row:]:
        parsed = _row(cells, columns, line)
        if parsed is None:
            continue
        identity = (parsed.offence_key, parsed.municipality_key)
        if identity in seen:
            problem = _("Offence %(offence)s appears twice for %(area)s.")
            raise _line_error(line, problem % {"offence": identity[0], "area": parsed.area_name})
        seen.add(identity)
        table.rows.append(parsed)
    if not table.rows:
        raise PksFormatError(_("The table has a header but no rows."))
    return table
