"""Calendar files carry a compact VTIMEZONE (one rule per season), as Outlook expects."""

import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from kernel.ical import add_timezone, compact_vtimezone, new_calendar


def _zone(tzid):
    calendar = new_calendar(name="Test")
    add_timezone(calendar, tzid)
    return Calendar.from_ical(calendar.to_ical()).walk("VTIMEZONE")[0]


def test_berlin_has_one_standard_and_one_daylight_rule():
    zone = _zone("Europe/Berlin")
    daylight, standard = zone.walk("DAYLIGHT"), zone.walk("STANDARD")
    assert len(daylight) == len(standard) == 1
    assert daylight[0]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert standard[0]["RRULE"] == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert daylight[0]["DTSTART"].dt == datetime.datetime(1970, 3, 29, 2, 0)
    assert standard[0]["DTSTART"].dt == datetime.datetime(1970, 10, 25, 3, 0)
    assert str(daylight[0]["TZNAME"]) == "CEST"
    assert b"2037" not in zone.to_ical()


@pytest.mark.parametrize("tzid", ["Europe/Berlin", "Europe/Brussels", "America/New_York", "Asia/Tokyo"])
def test_the_compact_zone_gives_the_same_offsets_as_the_tz_database(tzid):
    tz = _zone(tzid).to_tz()
    reference = zoneinfo.ZoneInfo(tzid)
    moment = datetime.datetime(2026, 1, 1, 12, 0)
    while moment.year < 2041:
        assert moment.replace(tzinfo=tz).utcoffset() == moment.replace(tzinfo=reference).utcoffset(), moment
        moment += datetime.timedelta(days=5, hours=7)


def test_an_unknown_zone_falls_back_to_icalendars_list():
    assert compact_vtimezone("Nowhere/Atlantis") is None


def test_the_calendar_name_is_one_clean_line():
    calendar = new_calendar(name="AG\r\nX-INJECTED:1\x00")
    text = calendar.to_ical().decode()
    assert "\r\nX-INJECTED" not in text
    assert "\r\nX-WR-CALNAME:AG X-INJECTED:1\r\n" in text
