"""Reading the BKA's police crime statistics (PKS) city and district tables, in both shapes the BKA publishes.

- Older years: CSV, one header row, semicolons, Windows-1252 or UTF-8, ASCII spellings (``Schluessel``,
  ``erfasste Faelle``, ``Aufklaerungsquote``).
- Newer years: XLSX with title rows above a two-row header in which a group heading (``Aufklärung``,
  ``Tatverdächtige`` …) spans its sub-columns (``Anzahl Fälle`` / ``AQ``, ``insgesamt`` / ``männlich`` …).

The header is found by its names, never by its position. Reading only parses: nothing here touches the
database, so a file of the wrong shape is refused before anything is written (``PksFormatError``).
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from analyses.models import Area
from defus.lib.parse import german_number

# How far down the title rows may push the header.
_HEADER_SEARCH_ROWS = 40
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


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


def _norm(value) -> str:
    text = "" if value is None else str(value)
    text = text.lower()
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, ascii_)
    text = text.replace("\u00a0", " ").replace("\n", " ").replace("\r", " ")
    text = re.sub(r"\s*-\s*(?=[a-z])", " ", text) if text.startswith("versuche") else text
    return re.sub(r"\s+", " ", text).strip()


def _field_of(name: str) -> str | None:
    """Which figure a (normalised, group + sub-heading) column name holds."""
    if name in {"schluessel", "straftatenschluessel"}:
        return "offence_key"
    if name == "straftat":
        return "offence_name"
    if name.startswith("gemeindeschluessel") or name in {"kreisschluessel", "schluessel gemeinde"}:
        return "municipality_key"
    if name in {"stadt", "gemeinde", "kreis", "stadt-/landkreis", "stadt /landkreis", "stadt-/ landkreis"}:
        return "area_name"
    if name == "kreisart":
        return "area_kind"
    if name in {"erfasste faelle", "anzahl erfasste faelle", "erfasste faelle anzahl", "faelle"}:
        return "cases"
    if name.startswith(("hz", "haeufigkeitszahl")):
        return "frequency"
    if "versuch" in name and ("anzahl" in name or name.endswith("versuche")):
        return "attempts"
    if name == "aufgeklaerte faelle" or ("aufklaerung" in name and "anzahl" in name):
        return "cleared"
    if name == "aufklaerungsquote" or name == "aq" or ("aufklaerung" in name and name.split()[-1] == "aq"):
        return "clearance_rate"
    if name.startswith("nichtdeutsche tatverdaechtige"):
        if name == "nichtdeutsche tatverdaechtige" or name.endswith(("anzahl", "insgesamt")):
            return "suspects_non_german"
        return None
    if name.startswith("tatverdaechtige"):
        rest = name.removeprefix("tatverdaechtige").strip(" -")
        return {
            "insgesamt": "suspects",
            "": "suspects",
            "maennlich": "suspects_male",
            "weiblich": "suspects_female",
        }.get(rest)
    return None


REQUIRED = ("offence_key", "municipality_key", "area_name", "cases")
_INTEGERS = ("cases", "attempts", "cleared", "suspects", "suspects_male", "suspects_female", "suspects_non_german")
_DECIMALS = ("frequency", "clearance_rate")


# --- Raw cells ---------------------------------------------------------------------------------


def _cells_from_xlsx(data: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise PksFormatError(f"The spreadsheet cannot be read: {error}") from None
    try:
        for sheet in workbook.worksheets:
            rows = [list(row) for row in sheet.iter_rows(values_only=True)]
            if _find_header(rows) is not None:
                return rows
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)] if workbook.worksheets else []
    finally:
        workbook.close()


def _cells_from_csv(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="strict") if _is_cp1252(data) else None
        if text is None:
            raise PksFormatError("The file is neither UTF-8 nor Windows-1252 text.") from None
    if "\x00" in text:
        raise PksFormatError("The file is not a text table.")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


# --- Header --------------------------------------------------------------------------------------


def _find_header(rows: list[list]) -> tuple[int, int, dict[str, int]] | None:
    """(first header row, first data row, field → column) or None when no header is found."""
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        top = [_norm(cell) for cell in row]
        if not any(_field_of(name) == "offence_key" for name in top):
            continue
        subs = [_norm(cell) for cell in rows[index + 1]] if index + 1 < len(rows) else []
        key_column = next(i for i, name in enumerate(top) if _field_of(name) == "offence_key")
        two_rows = bool(subs) and not (subs[key_column] if key_column < len(subs) else "") and any(subs)
        columns = _columns(top, subs if two_rows else [])
        if all(name in columns for name in REQUIRED):
            return index, index + (2 if two_rows else 1), columns
    return None


def _columns(top: list[str], subs: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    group = ""
    for position, heading in enumerate(top):
        sub = subs[position] if position < len(subs) else ""
        if heading:
            group = heading
        elif not sub:
            group = ""
        # A merged group heading sits in its first cell only; its sub-columns inherit it.
        name = f"{heading or group} {sub}".strip() if sub else heading
        figure = _field_of(name) or (_field_of(sub) if sub and not group else None)
        if figure and figure not in columns:
            columns[figure] = position
    return columns


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
    lowered = _norm(name)
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
    if raw_key in (None, "") and not area_name:
        return None  # an empty line, or a footnote below the table (text in the first column only)
    if isinstance(cell("offence_key"), int | float):
        offence_key = str(int(cell("offence_key"))).zfill(6)
    if not offence_key or len(offence_key) > 6:
        raise PksFormatError(f"Line {line}: {offence_key or '(empty)'} is not an offence key.")
    municipality_key = _municipality_key(raw_key)

    area = _area(municipality_key, area_name, str(cell("area_kind") or ""))
    if area is None:
        raise PksFormatError(f"Line {line}: {municipality_key or '(empty)'} is not a municipality key.")
    if area == Area.FEDERAL:
        municipality_key = "00"
    values = {}
    for name in (*_INTEGERS, *_DECIMALS):
        try:
            number = german_number(cell(name))
        except ValueError:
            raise PksFormatError(f"Line {line}: {cell(name)!r} is not a number.") from None
        if number is not None and name in _INTEGERS:
            if number != number.to_integral_value() or number < 0:
                raise PksFormatError(f"Line {line}: {cell(name)!r} is not a count.")
            number = int(number)
        elif number is not None:
            number = number.quantize(Decimal("0.1"))  # stored with one decimal; compare as stored
        values[name] = number
    if values["cases"] is None:
        raise PksFormatError(f"Line {line}: the number of recorded cases is missing.")
    return PksRow(
        line=line,
        offence_key=offence_key,
        offence_name=str(cell("offence_name") or "").strip() or offence_key,
        municipality_key=municipality_key,
        area_name=area_name or municipality_key,
        area=area,
        **values,
    )


def _year(title: str, filename: str) -> int | None:
    for text in (title, Path(filename).name):
        match = _YEAR.search(text or "")
        if match:
            return int(match.group(1))
    return None


def read_table(data: bytes, *, filename: str, year: int | None = None) -> PksTable:
    """Parse a PKS table (CSV or XLSX bytes). Raises PksFormatError for anything of the wrong shape."""
    if not data:
        raise PksFormatError("The file is empty.")
    is_workbook = data.startswith(b"PK\x03\x04") or filename.lower().endswith((".xlsx", ".xlsm"))
    rows = _cells_from_xlsx(data) if is_workbook else _cells_from_csv(data)
    found = _find_header(rows)
    if found is None:
        raise PksFormatError(
            "No PKS header found: the table needs the columns Schlüssel, Gemeindeschlüssel, "
            "Stadt (or Stadt-/Landkreis) and erfasste Fälle."
        )
    header_row, data_row, columns = found
    title = " ".join(str(cell) for row in rows[:header_row] for cell in row if cell not in (None, ""))
    if year is None:
        year = _year(title, filename)
    if year is None:
        raise PksFormatError("The year is neither in the title nor in the file name; give it with --year.")
    table = PksTable(year=year, title=title)
    seen = set()
    for index in range(data_row, len(rows)):
        parsed = _row(rows[index], columns, index + 1)
        if parsed is None:
            continue
        identity = (parsed.offence_key, parsed.municipality_key)
        if identity in seen:
            raise PksFormatError(f"Line {parsed.line}: offence {identity[0]} appears twice for {parsed.area_name}.")
        seen.add(identity)
        table.rows.append(parsed)
    if not table.rows:
        raise PksFormatError("The table has a header but no rows.")
    return table
