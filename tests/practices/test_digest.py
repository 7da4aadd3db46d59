"""New and newly rated practices appear in the weekly digest (the week's ratings, once, for every member)."""

import datetime
import zoneinfo

import pytest
import time_machine

from kernel.digest_schedule import current_period
from mail.digest.compose import Renderer
from mail.digest.sending import preview
from practices.models import Practice
from tests.helpers import pinned_clock
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# Monday 30 November 2026 after the digest was due (07:00); the week covered began Monday 23 November.
MONDAY = datetime.datetime(2026, 11, 30, 8, 0, tzinfo=BERLIN)
_clock = pinned_clock(MONDAY - datetime.timedelta(days=14))


def _parts(person) -> dict:
    with time_machine.travel(MONDAY, tick=False):
        ((_person, parts),) = preview(period=current_period(), person_ids=[person.pk])
    return {part.key: part for part in parts}


def test_the_weeks_new_and_newly_rated_practices_are_in_the_digest(member, other_organisation):
    published = Practice.State.PUBLISHED
    make_practice(organisations=[other_organisation], state=published, title="Neu bewertet",
                  level_decided_on=datetime.date(2026, 11, 26))  # fmt: skip
    make_practice(organisations=[other_organisation], state=published, title="Am Montag der Woche",
                  level_decided_on=datetime.date(2026, 11, 23))  # fmt: skip
    # Not: rated the week before, rated on the sending day (next week's), not published.
    make_practice(organisations=[other_organisation], state=published, title="Alt",
                  level_decided_on=datetime.date(2026, 11, 22))  # fmt: skip
    make_practice(organisations=[other_organisation], state=published, title="Heute",
                  level_decided_on=datetime.date(2026, 11, 30))  # fmt: skip
    make_practice(organisations=[other_organisation], state=Practice.State.SUBMITTED, title="In Bewertung",
                  level_decided_on=datetime.date(2026, 11, 26))  # fmt: skip
    part = _parts(member)["practices"]
    assert [p.title for p in part.data["rated"]["lines"]] == ["Neu bewertet", "Am Montag der Woche"]
    html, text = Renderer().render(part, "de")
    assert "Neu bewertet" in html and "wahrscheinlich" in html and other_organisation.name in html
    assert "Neu bewertet" in text and "/praxis/" in text


def test_no_practice_no_section(member):
    assert "practices" not in _parts(member)
