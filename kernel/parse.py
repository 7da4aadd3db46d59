"""Reading numbers from raw POST values (checkbox lists, generated field names) and tables without surprises."""

import datetime
import decimal
import math
import re
from decimal import Decimal, InvalidOperation


def whole_number(text: str, *, max_digits: int = 12) -> int | None:
    """``text`` as a non-negative int, or None. ``str.isdigit`` alone accepts "²" and "١", which int() refuses
    or reads differently; only plain ASCII digits count here, and not so many that a database id overflows."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None


def whole_numbers(values) -> set[int]:
    return {number for value in values if (number := whole_number(value)) is not None}


# --- Values from spreadsheets as German offices keep them ---------------------------------

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")


def spreadsheet_date(value) -> datetime.date | None:
    """A date from a cell: a date cell, ``01.03.2024``, ``2024-03-01`` or an Excel day number.

    None for an empty cell; ValueError for anything else (``31.02.2024`` included).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value <= 2958465:  # Excel's range: 1900-01-01 … 9999-12-31
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(value)
    text = str(value).strip()
    # "2024-03-01 00:00:00" as a date cell written out as text.
    text = text.split(" ")[0] if _ISO_WITH_TIME.match(text) else text
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def spreadsheet_year(value) -> int | None:
    """A year from a cell: a whole number of at most four digits (``2024``, a number cell 2024.0, ``"2024"``).

    None for an empty cell; ValueError for anything else. Nothing is converted before it is known to be
    small: ``Decimal("1e999999999")`` would become a billion-digit integer, ``Infinity`` no integer at all.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int) and 0 <= value <= 9999:
        return value
    if isinstance(value, float) and value.is_integer() and 0 <= value <= 9999:  # is_integer: False for inf, nan
        return int(value)
    if isinstance(value, str) and _YEAR.fullmatch(value.strip()):
        return int(value.strip())
    raise ValueError(value)


_YEAR = re.compile(r"[0-9]{1,4}")
_ISO_WITH_TIME = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
_GERMAN_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_PLAIN_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def spreadsheet_amount(value) -> decimal.Decimal | None:
    """An amount from a cell: a number, ``1.250,00``, ``1250,5``, ``1250.50`` or ``1.250 €``.

    None for an empty cell; ValueError for anything that is not a non-negative amount.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float | decimal.Decimal):
        text = str(value)
    else:
        text = str(value).replace("€", "").replace("EUR", "").replace("\u00a0", "").replace(" ", "").strip()
        if "," in text:
            # German: the dots group thousands, the comma starts the cents.
            text = text.replace(".", "").replace(",", ".")
        elif _GERMAN_THOUSANDS.match(text):
            text = text.replace(".", "")
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(value)
    return decimal.Decimal(text).quantize(decimal.Decimal("0.01"))


# More digits than any statistics table needs: a longer "number" is refused before anything is computed with it.
_MAX_FIGURE_DIGITS = 30


def german_number(value) -> Decimal | None:
    """A figure from a German statistics table as a Decimal, or None for an empty cell ("", "-", "–").

    Accepts numeric cells and the spellings ``1234``, ``1.234`` (thousands point), ``8.716,4`` (decimal comma)
    and ``8716.4`` (a decimal point, as exported by some tools). A point followed by exactly three digits is read
    as thousands grouping, as the BKA's tables write it. Anything else raises ValueError, so do an infinite
    number cell and a figure of more than 30 digits.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        if abs(value) >= 10**_MAX_FIGURE_DIGITS:
            raise ValueError(f"not a figure: {value!r}")
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a number: {value!r}")
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
    if len(text) > 2 * _MAX_FIGURE_DIGITS:
        raise ValueError(f"not a figure: {text[:20]!r}…")
    if text in {"", "-", "–", "—", "."}:
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", text):
        raise ValueError(f"not a number: {value!r}")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        raise ValueError(f"not a number: {value!r}") from None
