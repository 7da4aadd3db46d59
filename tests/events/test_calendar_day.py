"""The month calendar stays a screenful: a few events per day, then "N more" leading to that day's list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.selectors import EVENTS_PER_DAY

pytestmark = pytest.mark.django_db


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def test_a_busy_day_shows_a_few_events_and_links_to_all_of_them(client, member, make_event):
    day = timezone.localdate() + datetime.timedelta(days=3)
    busy = [
        make_event(title=f"Fachtag {n}", start=_at(day, 8 + n), end=_at(day, 9 + n)) for n in range(EVENTS_PER_DAY + 3)
    ]
    other = make_event(
        title="Am Tag danach",
        start=_at(day + datetime.timedelta(days=1), 10),
        end=_at(day + datetime.timedelta(days=1), 11),
    )
    client.force_login(member)
    html = client.get(reverse("event_calendar_month", args=[day.year, day.month])).content.decode()
    shown = [event for event in busy if event.title in html]
    assert len(shown) == EVENTS_PER_DAY
    assert "und 3 weitere" in html
    day_list = f"{reverse('event_list')}?day={day.isoformat()}"
    assert f'href="{day_list}"' in html
    listed = client.get(day_list).content.decode()
    assert all(event.title in listed for event in busy)
    assert other.title not in listed


def test_a_day_outside_the_sane_range_is_a_form_error_not_a_crash(client, member):
    client.force_login(member)
    response = client.get(reverse("event_list"), {"day": "0001-01-01"})
    assert response.status_code == 200
    assert "zwischen 2000 und 2100" in response.content.decode()
