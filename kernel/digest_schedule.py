"""Digest periods. A period is named by its sending moment (e.g. Monday 07:00 Europe/Berlin);
it covers what happened in the week before that moment."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    sending: datetime.datetime  # aware; the moment this period's digest is due
    since: datetime.datetime  # aware; the previous sending moment

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.sending).date()


def _at(day: datetime.date) -> datetime.datetime:
    # Built from the wall-clock time, so 07:00 stays 07:00 across the change to and from summer time.
    naive = datetime.datetime.combine(day, datetime.time(settings.DIGEST_HOUR, settings.DIGEST_MINUTE))
    return timezone.make_aware(naive, timezone.get_default_timezone())


def current_period(now: datetime.datetime | None = None) -> Period:
    """The latest period whose sending moment has passed."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    day = today - datetime.timedelta(days=(today.weekday() - settings.DIGEST_WEEKDAY) % 7)
    if _at(day) > now:
        day -= datetime.timedelta(days=7)
    return Period(sending=_at(day), since=_at(day - datetime.timedelta(days=7)))


def next_sending(now: datetime.datetime | None = None) -> datetime.datetime:
    current = current_period(now)
    return _at(current.day + datetime.timedelta(days=7))


def upcoming_period(now: datetime.datetime | None = None) -> Period:
    """The period whose digest goes out next: what it would say if it were sent now."""
    current = current_period(now)
    return Period(sending=next_sending(now), since=current.sending)
