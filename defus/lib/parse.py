"""Reading numbers from raw POST values (checkbox lists, generated field names) without surprises."""


def whole_number(text: str, *, max_digits: int = 12) -> int | None:
    """``text`` as a non-negative int, or None. ``str.isdigit`` alone accepts "²" and "١", which int() refuses
    or reads differently; only plain ASCII digits count here, and not so many that a database id overflows."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= max_digits:
        return int(text)
    return None


def whole_numbers(values) -> set[int]:
    return {number for value in values if (number := whole_number(value)) is not None}
