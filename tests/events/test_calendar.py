"""Calendar files (RFC 5545), parsed back with icalendar; the personal feed behind a secret token."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from events.models import CalendarFeed
from events.services import event_changed, registration_register

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def _vevent(content: bytes):
    calendar = Calendar.from_ical(content)
    assert calendar.walk("VTIMEZONE"), "the time zone is described"
    (event,) = calendar.walk("VEVENT")
    return event


def test_event_file_has_the_required_fields(client, make_event, member):
    event = make_event(title="Konferenz", location="Düsseldorf")
    client.force_login(member)
    vevent = _vevent(client.get(reverse("event_ics", args=[event.pk])).content)
    assert str(vevent["UID"]) == f"event-{event.uid}@defus"
    assert vevent.decoded("DTSTAMP")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert vevent.decoded("DTSTART") == event.start.astimezone(BERLIN).replace(microsecond=0)
    assert str(vevent["LOCATION"]) == "Düsseldorf"
    assert str(vevent["URL"]).endswith(f"/veranstaltungen/{event.pk}/")
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    assert int(vevent["SEQUENCE"]) == 0 and str(vevent["STATUS"]) == "CONFIRMED"


def test_event_file_carries_one_compact_berlin_zone(client, make_event, member):
    client.force_login(member)
    text = client.get(reverse("event_ics", args=[make_event().pk])).content.decode()
    # One rule per season, as Outlook writes it, instead of a list of dates that ends in 2037.
    assert text.count("BEGIN:VTIMEZONE") == text.count("BEGIN:DAYLIGHT") == text.count("BEGIN:STANDARD") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text and "2037" not in text


def test_across_the_daylight_saving_change(client, make_event, member):
    start = datetime.datetime(2027, 3, 27, 10, 0, tzinfo=BERLIN)
    end = datetime.datetime(2027, 3, 28, 16, 0, tzinfo=BERLIN)
    event = make_event(start=start, end=end)
    client.force_login(member)
    vevent = _vevent(client.get(reverse("event_ics", args=[event.pk])).content)
    assert vevent.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=1)
    assert vevent.decoded("DTEND").utcoffset() == datetime.timedelta(hours=2)
    assert vevent.decoded("DTEND").astimezone(datetime.UTC).hour == 14
    # 29 real hours: the night loses one (compare in UTC, wall-clock arithmetic would say 30).
    utc_start, utc_end = (vevent.decoded(key).astimezone(datetime.UTC) for key in ("DTSTART", "DTEND"))
    assert utc_end - utc_start == datetime.timedelta(hours=29)


def test_a_change_raises_the_sequence_and_cancelling_says_so(client, make_event, member):
    event = make_event()
    event_changed(event=event)
    event_changed(event=event, cancelled=True)
    client.force_login(member)
    vevent = _vevent(client.get(reverse("event_ics", args=[event.pk])).content)
    assert int(vevent["SEQUENCE"]) == 2 and str(vevent["STATUS"]) == "CANCELLED"


def test_the_first_calendar_address_is_said_to_be_created_the_next_renewed(client, member):
    client.force_login(member)
    first = client.post(reverse("calendar_feed_renew"), follow=True).content.decode()
    assert "erstellt" in first and "erneuert" not in first
    assert "erneuert" in client.post(reverse("calendar_feed_renew"), follow=True).content.decode()


def test_personal_feed_works_without_login_and_can_be_renewed(client, make_event, member):
    mine = make_event(title="Meine Anmeldung")
    make_event(title="Nicht meins")
    registration_register(event=mine, person=member)
    client.force_login(member)
    client.post(reverse("calendar_feed_renew"))
    token = CalendarFeed.objects.get(person=member).token
    assert f"/kalender/{token}.ics" in client.get(reverse("profile_edit")).content.decode()
    client.logout()
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", args=[token])).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Meine Anmeldung"]
    client.force_login(member)
    client.post(reverse("calendar_feed_renew"))
    client.logout()
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404


def test_the_personal_feed_holds_the_members_meetings_every_member_is_invited_to(client, make_event, member):
    """Registered or not, a member keeps the date of the members' meeting free; meetings not theirs stay out."""
    meeting = make_event(title="Mitgliederversammlung", kind="members_meeting")
    make_event(title="Entwurf der Versammlung", kind="members_meeting", status="draft")
    make_event(title="Vorstand unter sich", kind="members_meeting", audience="board")
    make_event(title="Vorstandssitzung", kind="board_meeting")
    token = CalendarFeed.objects.create(person=member).token
    feed = Calendar.from_ical(client.get(reverse("calendar_feed", args=[token])).content)
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == [meeting.title]
    (vevent,) = feed.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_the_profile_offers_to_copy_the_address_and_says_how_to_subscribe(client, member):
    CalendarFeed.objects.create(person=member)
    client.force_login(member)
    html = client.get(reverse("profile_edit")).content.decode()
    assert 'data-copy="feed-url"' in html and 'src="/static/js/copy.js"' in html
    assert "<script>" not in html  # the CSP allows no inline script
    for client_name in ("Outlook", "Thunderbird", "Android", "iPhone"):
        assert client_name in html
