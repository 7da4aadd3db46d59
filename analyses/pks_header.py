"""The headings of a PKS table: which column holds which figure, whatever the year's spelling and layout.

The header is found by its names, never by its position: older CSV files have one header row with ASCII
spellings, newer workbooks a two-row header in which a group heading spans its sub-columns.
"""

import re

from kernel.spreadsheet_reading import Row

# How far down the title rows may push the header (rows with content).
_HEADER_SEARCH_ROWS = 40
REQUIRED = ("offence_key", "municipality_key", "area_name", "cases")


def norm(value) -> str:
    # A heading is short; a long cell is cut before the patterns below (one of them is slow on long blanks).
    text = "" if value is None else str(value)[:200]
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


# --- The header rows --------------------------------------------------------------------------------------


def find_header(rows: list[Row]) -> tuple[int, int, dict[str, int]] | None:
    """(index of the first header row, of the first data row, field → column) or None when no header is found."""
    for index, (_line, cells) in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        top = [norm(cell) for cell in cells]
        if not any(_field_of(name) == "offence_key" for name in top):
            continue
        subs = [norm(cell) for cell in rows[index + 1][1]] if index + 1 < len(rows) else []
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
