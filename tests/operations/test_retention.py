"""Retention under time travel: a backup every night for over a year, pruned after each one."""

import datetime
from zoneinfo import ZoneInfo

import time_machine
from django.utils import timezone

from operations.backup import archive_name
from operations.retention import archive_time, archives_to_keep, prune

BERLIN = ZoneInfo("Europe/Berlin")


def _nightly(directory, first: datetime.date, last: datetime.date, *, most: list | None = None):
    day = first
    while day <= last:
        moment = datetime.datetime.combine(day, datetime.time(3, 30), tzinfo=BERLIN)
        with time_machine.travel(moment, tick=False):
            (directory / archive_name(timezone.now(), encrypted=day.day % 2 == 0)).write_bytes(b"archive")
            prune(directory)
        if most is not None:
            most.append(len(list(directory.iterdir())))
        day += datetime.timedelta(days=1)


def _kept_days(directory) -> set[datetime.date]:
    return {
        archive_time(path.name).astimezone(BERLIN).date() for path in directory.iterdir() if archive_time(path.name)
    }


def test_it_keeps_7_daily_4_weekly_and_12_monthly_archives(tmp_path):
    sizes: list[int] = []
    _nightly(tmp_path, datetime.date(2025, 10, 1), datetime.date(2026, 11, 29), most=sizes)

    d = datetime.date
    daily = {d(2026, 11, day) for day in range(23, 30)}
    weekly = {d(2026, 11, 22), d(2026, 11, 15), d(2026, 11, 8)}  # and this week's: the 29th (a Sunday)
    monthly = {
        d(2026, 10, 31), d(2026, 9, 30), d(2026, 8, 31), d(2026, 7, 31), d(2026, 6, 30), d(2026, 5, 31),
        d(2026, 4, 30), d(2026, 3, 31), d(2026, 2, 28), d(2026, 1, 31), d(2025, 12, 31),
    }  # fmt: skip
    assert _kept_days(tmp_path) == daily | weekly | monthly
    assert max(sizes) <= 7 + 4 + 12


def test_when_backups_stop_time_passing_deletes_nothing(tmp_path):
    _nightly(tmp_path, datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    kept = _kept_days(tmp_path)

    with time_machine.travel(datetime.datetime(2027, 6, 1, tzinfo=BERLIN)):
        assert prune(tmp_path) == []

    # 25–31 March daily, the weeks ending 22 and 15 March, the months ending 28 February and 31 January.
    assert _kept_days(tmp_path) == kept and len(kept) == 7 + 2 + 2


def test_it_never_touches_other_files(tmp_path):
    (tmp_path / "notizen.txt").write_text("x")
    (tmp_path / ".defus-backup-20260101T000000Z.tar.partial").write_text("x")
    _nightly(tmp_path, datetime.date(2026, 1, 1), datetime.date(2026, 2, 28))
    assert (tmp_path / "notizen.txt").exists()
    assert (tmp_path / ".defus-backup-20260101T000000Z.tar.partial").exists()


def test_days_are_counted_in_berlin_time():
    # 23:30 UTC on 1 March is already 2 March in Berlin: two archives of the same Berlin day, the newer kept.
    early = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)
    late_utc_day_before = datetime.datetime(2026, 3, 1, 23, 30, tzinfo=datetime.UTC)
    assert archives_to_keep([early, late_utc_day_before], daily=1, weekly=0, monthly=0) == {early}
