"""A time span is written with its day once when it starts and ends on the same local day."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import translation

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _render(start, end, language="de"):
    with translation.override(language):
        return Template("{% load portal %}{{ start|until:end }}").render(Context({"start": start, "end": end}))


def test_one_day_is_written_once():
    start = datetime.datetime(2026, 12, 24, 9, 0, tzinfo=BERLIN)
    assert _render(start, start.replace(hour=15)) == "24. Dezember 2026 09:00 – 15:00"


def test_two_days_are_both_written():
    start = datetime.datetime(2026, 12, 24, 9, 0, tzinfo=BERLIN)
    assert _render(start, start + datetime.timedelta(days=1)) == "24. Dezember 2026 09:00 – 25. Dezember 2026 09:00"


def test_the_day_is_the_local_one():
    """23:30 to 00:30 in Berlin is two days there, even where UTC sees one."""
    start = datetime.datetime(2026, 12, 24, 22, 30, tzinfo=datetime.UTC)
    assert _render(start, start + datetime.timedelta(hours=1)).endswith("– 25. Dezember 2026 00:30")
