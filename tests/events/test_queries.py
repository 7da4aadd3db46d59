import pytest
from django.core.cache import cache
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
    cache.clear()  # nothing kept from the first count
    small = count_queries(client, url)
    grow(10)
    cache.clear()
    assert count_queries(client, url) == small


def test_the_list_shows_a_page_of_events_and_keeps_the_filters_in_the_page_links(client, member, make_event):
    import datetime

    from django.utils import timezone

    soon = timezone.now() + datetime.timedelta(days=1)
    for n in range(45):
        make_event(title=f"Sitzung {n:02d}", kind="conference", start=soon + datetime.timedelta(hours=n))
    make_event(title="Anderes Treffen")
    client.force_login(member)
    response = client.get(reverse("event_list"), {"kind": "conference"})
    page = response.context["page"]
    assert len(page.object_list) == 20 and page.paginator.count == 45  # a screenful, not every event
    html = response.content.decode()
    assert "Sitzung 00" in html and "Sitzung 20" not in html and "Anderes Treffen" not in html
    assert '<nav aria-label="Seiten">' in html and 'aria-current="page"' in html
    assert 'href="?kind=conference&amp;page=2"' in html
    html = client.get(reverse("event_list"), {"kind": "conference", "page": 3}).content.decode()
    assert "Sitzung 40" in html and "Sitzung 39" not in html and 'href="?kind=conference&amp;page=2"' in html
