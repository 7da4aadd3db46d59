"""The funding demo is dated from the day it is loaded: open, forthcoming and closed calls on any day."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from funding.demo import export
from funding.importer import import_calls
from funding.models import Call

pytestmark = pytest.mark.django_db


def _statuses() -> dict[str, set[str]]:
    now = timezone.now()
    by_status: dict[str, set[str]] = {}
    for call in Call.objects.prefetch_related("deadlines"):
        by_status.setdefault(call.status_at(now, list(call.deadlines.all())), set()).add(call.identifier)
    return by_status


@pytest.mark.parametrize("days_ahead", [0, 200, 400, 1000])
def test_the_demo_has_open_forthcoming_and_closed_calls_whatever_the_day(days_ahead):
    # Two shifted clocks (and today) besides the suite's own shift: each a different season and year.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=days_ahead), tick=False):
        import_calls(export())
        statuses = _statuses()
        assert "ISF-2026-TF2-AG-DRUGS" in statuses[Call.Status.OPEN]  # the call the demo's interests are about
        assert len(statuses[Call.Status.OPEN]) >= 3
        assert statuses[Call.Status.FORTHCOMING] and statuses[Call.Status.CLOSED]
        upcoming = Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS").deadlines.get().at
        assert timezone.now() < upcoming < timezone.now() + datetime.timedelta(days=60)  # a reminder is due soon


def test_a_second_load_on_the_same_day_changes_nothing():
    first = import_calls(export())
    second = import_calls(export())
    assert first.created and not second.created and not second.updated
