"""CI's second run lies at least 400 days ahead, just before summer time ends (scripts/clock_shift_days.py)."""

import datetime
import importlib.util
import zoneinfo
from pathlib import Path

import pytest

spec = importlib.util.spec_from_file_location(
    "clock_shift_days", Path(__file__).parents[2] / "scripts/clock_shift_days.py"
)
clock_shift_days = importlib.util.module_from_spec(spec)
spec.loader.exec_module(clock_shift_days)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize("today", [datetime.date(2026, 12, 6), datetime.date(2027, 6, 30), datetime.date(2028, 1, 1)])
def test_the_shift_is_long_and_ends_just_before_the_change_to_winter_time(today):
    days = clock_shift_days.shift_days(today)
    assert days >= 400
    landing = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(12), tzinfo=BERLIN)
    in_a_week = landing + datetime.timedelta(days=7)
    assert landing.utcoffset() == datetime.timedelta(hours=2) and in_a_week.utcoffset() == datetime.timedelta(hours=1)
