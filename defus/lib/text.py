"""Plain text from users, made safe for places that take exactly one line (titles, headers, calendars)."""

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def single_line(value) -> str:
    """Control characters (line breaks, NUL, tabs …) become one space; the ends are trimmed."""
    return _CONTROL.sub(" ", str(value or "")).strip()
