"""One way to start an iCalendar file, with a compact VTIMEZONE.

icalendar's ``add_missing_timezones`` writes a zone as a list of every transition up to 2037;
Outlook expects the compact form with one STANDARD and one DAYLIGHT rule (RRULE), as it writes
itself. The rule is read from the POSIX TZ string at the end of the system's TZif file
(e.g. ``CET-1CEST,M3.5.0,M10.5.0/3`` for Europe/Berlin), so it is the tz database's own rule.
A zone whose rule cannot be read falls back to icalendar's list.
"""

import datetime
import re
import zoneinfo
from pathlib import Path

from dateutil import rrule
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard

from defus.lib.text import single_line

_NAME = r"(?:[A-Za-z]{3,}|<[^>]+>)"
_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_RULE = r"M(\d{1,2})\.([1-5])\.([0-6])(?:/(-?\d{1,3}(?::\d{2}){0,2}))?"
_POSIX = re.compile(rf"^({_NAME})({_OFFSET})(?:({_NAME})({_OFFSET})?,{_RULE},{_RULE})?$")
_WEEKDAYS = [rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA]
_ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


def new_calendar(*, name: str, prodid: str = "-//DEFUS//Mitgliederportal//DE") -> Calendar:
    """A published calendar; ``name`` may be user text, so it is reduced to one clean line."""
    calendar = Calendar()
    calendar.add("prodid", prodid)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line(name)[:200] or "DEFUS")
    return calendar


def add_timezone(calendar: Calendar, tzid: str) -> None:
    """Add the compact VTIMEZONE of ``tzid`` (or icalendar's long form if no rule is found)."""
    component = compact_vtimezone(tzid)
    if component is None:
        calendar.add_missing_timezones()
    else:
        calendar.add_component(component)


def compact_vtimezone(tzid: str) -> Timezone | None:
    rule = _posix_rule(tzid)
    match = _POSIX.match(rule or "")
    if not match:
        return None
    std_name, std_offset, dst_name, dst_offset = match.group(1, 2, 3, 4)
    standard_utc = -_seconds(std_offset)  # POSIX counts west of Greenwich: "CET-1" is UTC+1
    zone = Timezone()
    zone.add("tzid", tzid)
    if not dst_name:
        zone.add_component(_part(TimezoneStandard, std_name, standard_utc, standard_utc, None))
        return zone
    daylight_utc = -_seconds(dst_offset) if dst_offset else standard_utc + 3600
    to_daylight, to_standard = match.group(5, 6, 7, 8), match.group(9, 10, 11, 12)
    zone.add_component(_part(TimezoneDaylight, dst_name, standard_utc, daylight_utc, to_daylight))
    zone.add_component(_part(TimezoneStandard, std_name, daylight_utc, standard_utc, to_standard))
    return zone


def _part(kind, name: str, offset_from: int, offset_to: int, rule):
    part = kind()
    part.add("tzname", name.strip("<>"))
    part.add("tzoffsetfrom", datetime.timedelta(seconds=offset_from))
    part.add("tzoffsetto", datetime.timedelta(seconds=offset_to))
    if rule is None:
        part.add("dtstart", datetime.datetime(1970, 1, 1))
        return part
    month, week, weekday, at = int(rule[0]), int(rule[1]), int(rule[2]), rule[3] or "2"
    nth = -1 if week == 5 else week
    # DTSTART is the first onset of the rule in 1970, in local time before the change.
    first = rrule.rrule(
        rrule.YEARLY,
        dtstart=datetime.datetime(1970, 1, 1),
        bymonth=month,
        byweekday=_WEEKDAYS[weekday](nth),
        count=1,
    )[0]
    part.add("dtstart", first + datetime.timedelta(seconds=_seconds(at)))
    part.add("rrule", {"freq": "YEARLY", "bymonth": month, "byday": f"{nth}{_ICAL_DAYS[weekday]}"})
    return part


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _posix_rule(tzid: str) -> str | None:
    """The footer line of the TZif (version 2+) file of ``tzid``: its rule for the future."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / tzid
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if data[:4] == b"TZif" and data[4:5] >= b"2" and data.endswith(b"\n"):
            return data[:-1].rsplit(b"\n", 1)[-1].decode("ascii", "replace")
    try:
        from importlib.resources import files

        data = files("tzdata.zoneinfo").joinpath(*tzid.split("/")).read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    return data[:-1].rsplit(b"\n", 1)[-1].decode("ascii", "replace") if data.endswith(b"\n") else None
