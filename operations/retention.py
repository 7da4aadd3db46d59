"""Which archives to keep: 7 daily, 4 weekly and 12 monthly (grandfather-father-son).

The newest archive of each of the 7 most recent days that have one is kept, likewise the newest of each of
the 4 most recent ISO weeks and of the 12 most recent months (days, weeks and months in the portal's time
zone); everything else goes. Counting periods that *have* an archive (as restic's --keep-daily does) means
that when backups stop, the old ones are never all deleted by the passing of time.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

NAME = re.compile(r"^defus-backup-(\d{8}T\d{6})Z(?:-\d+)?\.tar(?:\.gpg)?$")

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


def archive_time(name: str) -> datetime.datetime | None:
    match = NAME.match(name)
    if not match:
        return None
    return datetime.datetime.strptime(match.group(1), "%Y%m%dT%H%M%S").replace(tzinfo=datetime.UTC)


def archives_to_keep(
    stamps: Iterable[datetime.datetime],
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
    zone: str | None = None,
) -> set[datetime.datetime]:
    tz = ZoneInfo(zone or settings.TIME_ZONE)
    newest_first = sorted(set(stamps), reverse=True)
    periods: list[tuple[int, Callable]] = [
        (daily, lambda local: local.date()),
        (weekly, lambda local: local.isocalendar()[:2]),
        (monthly, lambda local: (local.year, local.month)),
    ]
    keep: set[datetime.datetime] = set()
    for count, period_of in periods:
        seen: set = set()
        for stamp in newest_first:
            period = period_of(stamp.astimezone(tz))
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(stamp)
    return keep


def archives_in(directory: Path) -> dict[Path, datetime.datetime]:
    if not directory.is_dir():
        return {}
    found = {}
    for path in directory.iterdir():
        stamp = archive_time(path.name)
        if stamp is not None and path.is_file():
            found[path] = stamp
    return found


def prune(directory: Path) -> list[Path]:
    """Delete the archives in ``directory`` that retention does not keep; returns what was deleted."""
    archives = archives_in(directory)
    keep = archives_to_keep(archives.values())
    deleted = []
    for path, stamp in sorted(archives.items()):
        if stamp not in keep:
            path.unlink(missing_ok=True)
            deleted.append(path)
    return deleted
