"""The portal's one iCalendar builder: ``build_calendar`` writes every .ics (an event, the personal feed, a guest's
file, the funding deadlines) from plain ``Entry`` values, each app saying only what its rows mean in a calendar.

Every file gets the same header, one-line texts, a DTSTAMP, and a compact VTIMEZONE where times are local.

icalendar's ``add_missing_timezones`` writes a zone as a list of every transition up to 2037;
Outlook expects the compact form with one STANDARD and one DAYLIGHT rule (RRULE), as it writes
itself. The rule is read from the POSIX TZ string at the end of the system's TZif file
(e.g. ``CET-1CEST,M3.5.0,M10.5.0/3`` for Europe/Berlin), so it is the tz database's own rule.
A zone whose rule cannot be read falls back to icalendar's list.
"""

import datetime
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from dateutil import rrule
from django.utils import timezone
from icalendar import Calendar, Timezone, TimezoneDaylight, TimezoneStandard
from icalendar import Event as VEvent

from kernel.text import single_line

logger = logging.getLogger(__name__)

_NAME = r"(?:[A-Za-z]{3,}|<[^>]+>)"
_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_RULE = r"M(\d{1,2})\.([1-5])\.([0-6])(?:/(-?\d{1,3}(?::\d{2}){0,2}))?"
_POSIX = re.compile(rf"^({_NAME})({_OFFSET})(?:({_NAME})({_OFFSET})?,{_RULE},{_RULE})?$")
_WEEKDAYS = [rrule.SU, rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA]
_ICAL_DAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]


@dataclass(frozen=True)
class Entry:
    """One VEVENT. ``start``/``end`` are written as given: local times (with ``tzid`` in ``build_calendar``) or
    UTC instants. Texts may be user text: summary and location are reduced to one line."""

    uid: str
    start: datetime.datetime
    end: datetime.datetime
    summary: str
    url: str
    description: str = ""
    location: str = ""
    # (address, common name) of the organiser.
    organizer: tuple[str, str] | None = None
    sequence: int | None = None
    # CONFIRMED, TENTATIVE or CANCELLED.
    status: str = ""
    last_modified: datetime.datetime | None = None


def build_calendar(
    rows: Iterable,
    *,
    entry: Callable[[object], Entry],
    name: str,
    prodid: str = "-//DEFUS//Mitgliederportal//DE",
    tzid: str | None = None,
) -> bytes:
    """An .ics file with ``entry(row)`` for each row; ``tzid``: add its VTIMEZONE (for local times).

    One row that cannot be written (a date out of range, text a client cannot take) must not break a whole feed:
    it is left out and logged, and the rest is served."""
    calendar = new_calendar(name=name, prodid=prodid)
    stamp = timezone.now()
    for row in rows:
        try:
            item = _vevent(entry(row), stamp=stamp)
            item.to_ical()
        except Exception:
            logger.exception("%r left out of a calendar file", row)
            continue
        calendar.add_component(item)
    if tzid:
        add_timezone(calendar, tzid)
    return calendar.to_ical()


def _vevent(entry: Entry, *, stamp) -> VEvent:
    item = VEvent()
    item.add("uid", entry.uid)
    item.add("dtstamp", stamp)
    item.add("dtstart", entry.start)
    item.add("dtend", entry.end)
    item.add("summary", single_line(entry.summary))
    if entry.description:
        item.add("description", entry.description.replace("\x00", ""))
    if entry.location:
        item.add("location", single_line(entry.location))
    item.add("url", entry.url)
    if entry.organizer:
        address, common_name = entry.organizer
        item.add("organizer", f"mailto:{address}", parameters={"cn": common_name})
    if entry.sequence is not None:
        item.add("sequence", entry.sequence)
    if entry.status:
        item.add("status", entry.status)
    if entry.last_modified is not None:
        item.add("last-modified", entry.last_modified)
    return item


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
