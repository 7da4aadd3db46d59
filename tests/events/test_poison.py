"""Issue 20.4: what one member enters must not break pages, feeds and mail of others."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events.ics import build_calendar
from events.models import CalendarFeed, DatePoll, DatePollOption, Event, ExchangeOffer
from events.polls import poll_close, poll_create
from kernel.text import single_line
from tests.factories import MembershipFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db

FAR = datetime.datetime(9999, 12, 31, 22, 30, tzinfo=datetime.UTC)


def _soon(days):
    return timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)


@pytest.fixture
def group(member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    return group


def test_single_line_strips_every_control_character():
    assert single_line("Treffen\r\nMETHOD:CANCEL\x00\x0b\u2028x") == "Treffen METHOD:CANCEL x"
    assert single_line("  plain  ") == "plain" and single_line(None) == ""


def test_the_poll_form_refuses_the_year_9999(client, member, group):
    client.force_login(member)
    response = client.post(
        reverse("poll_create"),
        {
            "title": "Treffen",
            "duration_hours": 2,
            "group": group.pk,
            "date_1": "9999-12-31T23:30",
            "date_2": "2026-01-01T10:00",
        },
    )
    assert response.status_code == 200
    assert "5 Jahre" in response.content.decode() or "5 years" in response.content.decode()
    assert not DatePoll.objects.exists()


def test_the_service_refuses_dates_out_of_range_too(member, group):
    with pytest.raises(ValidationError):
        poll_create(organiser=member, title="x", group=group, starts=[_soon(3), FAR])
    assert not DatePoll.objects.exists()


def test_closing_an_old_poll_on_the_year_9999_is_refused_not_a_500(client, member, group):
    poll = DatePoll.objects.create(organiser=member, title="Alt", group=group, duration=datetime.timedelta(hours=8))
    option = DatePollOption.objects.create(poll=poll, start=FAR)
    with pytest.raises(ValidationError):
        poll_close(poll=poll, option=option)
    client.force_login(member)
    response = client.post(reverse("poll_close", args=[poll.pk]), {"option": option.pk})
    assert response.status_code == 302 and not Event.objects.exists()


def test_a_raw_post_cannot_put_line_breaks_into_a_poll_title(client, member, group, django_capture_on_commit_callbacks):
    client.force_login(member)
    client.post(
        reverse("poll_create"),
        {
            "title": "Treffen\r\nMETHOD:CANCEL",
            "location": "Rathaus\nRaum 1",
            "duration_hours": 2,
            "group": group.pk,
            "date_1": _soon(5).strftime("%Y-%m-%dT%H:%M"),
            "date_2": _soon(6).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    poll = DatePoll.objects.get()
    assert poll.title == "Treffen METHOD:CANCEL" and poll.location == "Rathaus Raum 1"
    with django_capture_on_commit_callbacks(execute=True):
        event = poll_close(poll=poll, option=poll.options.first())
    response = client.get(reverse("event_ics", args=[event.pk]))
    assert response.status_code == 200
    assert b"SUMMARY:Treffen METHOD:CANCEL\r\n" in response.content


def test_models_keep_one_line_whatever_writes_them(member, organisation):
    offer = ExchangeOffer.objects.create(
        host=organisation,
        created_by=member,
        theme="Sicher\r\nheit",
        what_to_see="a\nb",
        possible_dates="x",
        place="Essen\x00",
    )
    offer.refresh_from_db()
    assert offer.theme == "Sicher heit" and offer.place == "Essen"
    assert offer.what_to_see == "a\nb"  # long text keeps its lines


def test_a_raw_post_of_an_exchange_offer_is_stored_on_one_line(client, member):
    client.force_login(member)
    client.post(
        reverse("exchange_list"),
        {
            "theme": "Sicher\r\nheit",
            "what_to_see": "viel",
            "possible_dates": "Mai\r\nJuni",
            "place": "Essen\n",
            "language": "Deutsch",
        },
    )
    offer = ExchangeOffer.objects.get()
    assert (offer.theme, offer.possible_dates, offer.place) == ("Sicher heit", "Mai Juni", "Essen")


def test_the_event_form_in_the_admin_refuses_far_dates(make_event):
    event = make_event()
    event.start, event.end = FAR - datetime.timedelta(hours=2), FAR
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "start" in error.value.message_dict


def test_a_poisoned_event_does_not_break_a_followers_feed(client, member, group, make_event):
    from topics.models import Follow

    Follow.objects.create(person=member, group=group)
    good = make_event(title="Gutes Treffen", audience="group", group=group)
    # Written before dates were bounded (or straight into the database): Berlin time is in the year 10000.
    bad = make_event(
        title="Kaputt", audience="group", group=group, start=datetime.datetime(9999, 12, 31, 20, tzinfo=datetime.UTC)
    )
    Event.objects.filter(pk=good.pk).update(title="Gut\r\nX-INJECTED:1")
    feed = CalendarFeed.objects.create(person=member)
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "SUMMARY:Gut X-INJECTED:1\r\n" in body and "\r\nX-INJECTED" not in body
    assert "Kaputt" not in body and str(bad.uid) not in body


def test_the_calendar_name_is_one_line_of_text():
    content = build_calendar([], name="Treffen\r\nMETHOD:CANCEL")
    assert b"X-WR-CALNAME:Treffen METHOD:CANCEL\r\n" in content
    assert b"\r\nMETHOD:CANCEL" not in content.replace(b"\r\nMETHOD:PUBLISH", b"")


def test_an_event_stored_with_dates_out_of_range_is_not_found_not_a_500(client, member, secretariat, make_event):
    make_event(title="Gut")
    bad = make_event(title="Kaputt", start=datetime.datetime(9999, 12, 31, 20, tzinfo=datetime.UTC))
    for person in (member, secretariat):
        client.force_login(person)
        assert client.get(reverse("event_detail", args=[bad.pk])).status_code == 404
        assert client.get(reverse("event_ics", args=[bad.pk])).status_code == 404
        listed = client.get(reverse("event_list"))
        assert listed.status_code == 200 and "Gut" in listed.content.decode()


def test_a_calendar_file_leaves_out_an_event_it_cannot_render(make_event):
    good = make_event(title="Gut")
    far = datetime.datetime(9999, 12, 31, 20, tzinfo=datetime.UTC)
    broken = Event(pk=999_999, title="Kaputt", start=far, end=far + datetime.timedelta(hours=3), status="published")
    content = build_calendar([broken, good]).decode()
    assert "SUMMARY:Gut" in content and "Kaputt" not in content
