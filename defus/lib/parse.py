"""Reading numbers from raw POST values (checkbox lists, generated field names) and tables without surprises."""

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


def german_number(value) -> Decimal | None:
    """A figure from a German statistics table as a Decimal, or None for an empty cell ("", "-", "–").

    Accepts numeric cells and the spellings ``1234``, ``1.234`` (thousands point), ``8.716,4`` (decimal comma)
    and ``8716.4`` (a decimal point, as exported by some tools). A point followed by exactly three digits is read
    as thousands grouping, as the BKA's tables write it. Anything else raises ValueError.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    text = str(value).strip().replace("\u00a0", "").replace(" ", "").replace("\u202f", "")
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
