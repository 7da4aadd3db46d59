"""What the import checks across rows before it writes: total rows, the same person twice, and organisation
names that are spelling variants of a known one ("Landeshauptstadt Muenchen" beside "Stadt München")."""

import re

from django.utils.translation import gettext as _

from members.imports.mapping import COLUMN_LABELS, PERSON_COLUMNS, RowData

_TOTAL_WORDS = ("summe", "gesamt", "gesamtsumme", "insgesamt", "total", "zwischensumme")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# Longest first: "landeshauptstadt" before "stadt", "landkreis" before "kreis".
_PREFIXES = ("landeshauptstadt", "landkreis", "stadt", "kreis")


def total_row(values: dict) -> str | None:
    """The word that makes a row a total or note row ("Summe", "Gesamt"), or None for a row about a person.

    Such a row has no e-mail address; its label stands in any cell."""
    if str(values.get("email") or "").strip():
        return None
    for value in values.values():
        text = str(value or "").strip()
        if re.split(r"[\s:()]+", text.casefold())[0] in _TOTAL_WORDS:
            return text
    if not any(str(values.get(key) or "").strip() for key in ("organisation", "first_name", "last_name")):
        return ""  # numbers only (an unlabelled total) or a note: nothing about a person
    return None


def normalised(name: str) -> str:
    """An organisation's name with case, spaces, ae/oe/ue/ss and a leading Stadt, Landeshauptstadt, Kreis or
    Landkreis set aside: 'Landeshauptstadt Muenchen' and 'Stadt München' are both 'muenchen'."""
    text = " ".join(name.casefold().translate(_UMLAUTS).split())
    for prefix in _PREFIXES:
        if text.startswith(prefix + " "):
            text = text[len(prefix) + 1 :]
            break
    return re.sub(r"[^0-9a-z]+", "", text)


class OrganisationNames:
    """The organisations known (stored, or created earlier in this import) by their normalised names."""

    def __init__(self, names):
        self._exact = {name.casefold() for name in names}
        self._by_key: dict[str, str] = {}
        for name in sorted(names):
            self._by_key.setdefault(normalised(name), name)

    def add(self, name: str) -> None:
        self._exact.add(name.casefold())
        self._by_key.setdefault(normalised(name), name)

    def variant_of(self, name: str) -> str | None:
        """The known organisation this name is a spelling variant of, or None (unknown, or exactly known)."""
        if name.casefold() in self._exact:
            return None
        return self._by_key.get(normalised(name))


def duplicates(rows: list[tuple[int, RowData]]) -> dict[int, str]:
    """{line: reason} for every row of a person given more than once with different values.

    Rows that repeat a person with the same values (one row per further office or fee) are one person; an
    empty cell agrees with anything (it never erases)."""
    by_email: dict[str, list[tuple[int, RowData]]] = {}
    for line, data in rows:
        by_email.setdefault(data.email, []).append((line, data))
    errors = {}
    for email, seen in by_email.items():
        if len(seen) < 2:
            continue
        differences = _differences([data for _line, data in seen])
        if not differences:
            continue
        lines = [line for line, _data in seen]
        reason = _(
            "Duplicate: lines %(lines)s give %(email)s with different values (%(differences)s). "
            "None of these rows is imported; please correct them."
        ) % {
            "lines": _("%(first)s and %(last)s") % {"first": ", ".join(map(str, lines[:-1])), "last": lines[-1]},
            "email": email,
            "differences": "; ".join(differences),
        }
        errors.update(dict.fromkeys(lines, reason))
    return errors


def _differences(people: list[RowData]) -> list[str]:
    result = []
    for key in PERSON_COLUMNS:
        values = []
        for data in people:
            value = getattr(data, key)
            if value and value.casefold() not in [seen.casefold() for seen in values]:
                values.append(value)
        if len(values) > 1:
            result.append(f"{COLUMN_LABELS[key]}: " + " / ".join(f"„{value}“" for value in values))
    return result
