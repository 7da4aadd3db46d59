"""Lists and dashboards give the long date ("30. November 2026", "30 November 2026"); tables keep "30.11.2026"
(issue 28). The portal's formats live in defus/formats/."""

import datetime

from django.urls import reverse
from django.utils import formats, timezone, translation

from tests.factories import EventFactory, MembershipFactory, WorkingGroupFactory
from topics import services

DAY = datetime.date(2026, 11, 30)


def test_it_names_the_long_and_the_short_date_in_both_languages():
    with translation.override("de"):
        assert formats.date_format(DAY, "DATE_FORMAT") == "30. November 2026"
        assert formats.date_format(DAY, "SHORT_DATE_FORMAT") == "30.11.2026"
    with translation.override("en"):
        assert formats.date_format(DAY, "DATE_FORMAT") == "30 November 2026"
        moment = datetime.datetime(2026, 11, 30, 14, 30)
        assert formats.date_format(moment, "DATETIME_FORMAT") == "30 November 2026 14:30"


def test_the_event_list_shows_the_long_date(client, member):
    event = EventFactory()
    client.force_login(member)
    html = client.get(reverse("event_list")).content.decode()
    with translation.override("de"):
        expected = formats.date_format(timezone.localtime(event.start).date(), "DATE_FORMAT")
    assert expected in html


def _long(moment, name="DATE_FORMAT") -> str:
    with translation.override("de"):
        return formats.date_format(timezone.localtime(moment) if name == "DATETIME_FORMAT" else moment, name)


def test_the_dashboard_gives_the_registration_deadline_as_the_long_date(client, member):
    closes = timezone.now() + datetime.timedelta(days=5)
    event = EventFactory(registration_closes=closes)
    client.force_login(member)
    html = client.get(reverse("dashboard")).content.decode()
    assert event.title in html
    assert _long(timezone.localtime(closes).date()) in html
    with translation.override("de"):
        assert formats.date_format(timezone.localtime(closes).date(), "SHORT_DATE_FORMAT") not in html


def test_a_group_page_gives_a_discussions_last_activity_as_the_long_date(client, member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    thread = services.thread_create(group=group, author=member, title="Lagebild Innenstadt", body="Was sehen Sie?")
    client.force_login(member)
    html = client.get(reverse("group_detail", args=[group.slug])).content.decode()
    assert "Lagebild Innenstadt" in html
    assert _long(thread.last_activity_at, "DATETIME_FORMAT") in html
