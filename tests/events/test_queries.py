import pytest
from django.urls import reverse

from events.services import registration_register
from tests.factories import UserFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("page", ["event_list", "event_calendar", "event_detail", "dashboard"])
def test_query_count_is_constant(client, member, make_event, page):
    event = make_event(capacity=500)

    def grow(factor):
        for _ in range(factor):
            other = make_event(title="Weitere")
            for _ in range(2):
                person = UserFactory(show_email=True)
                registration_register(event=event, person=person, show_in_participants=True)
                registration_register(event=other, person=person)
        registration_register(event=make_event(title="Meine"), person=member)

    url = reverse(page, args=[event.pk] if page == "event_detail" else [])
    client.force_login(member)
    grow(1)
    small = count_queries(client, url)
    grow(10)
    assert count_queries(client, url) == small
