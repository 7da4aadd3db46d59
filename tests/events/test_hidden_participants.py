"""Members who prefer not to be shown are counted on the event page, not named (issue 28)."""

import pytest
from django.urls import reverse

from events.models import Registration
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(client, person, event) -> str:
    client.force_login(person)
    return client.get(reverse("event_detail", args=[event.pk])).content.decode()


def test_only_hidden_participants_are_counted(client, member, make_event):
    event = make_event(title="Fachtag")
    for _ in range(2):
        Registration.objects.create(event=event, person=UserFactory(), status="registered", show_in_participants=False)
    html = _page(client, member, event)
    assert "2 Angemeldete, die nicht angezeigt werden möchten" in html
    assert "Keine Teilnehmenden anzuzeigen" not in html


def test_shown_and_hidden_participants(client, member, make_event):
    event = make_event(title="Fachtag")
    shown = UserFactory(first_name="Sichtbar", last_name="Person")
    Registration.objects.create(event=event, person=shown, status="registered", show_in_participants=True)
    Registration.objects.create(event=event, person=UserFactory(), status="registered", show_in_participants=False)
    Registration.objects.create(event=event, person=UserFactory(), status="cancelled", show_in_participants=False)
    html = _page(client, member, event)
    assert "Sichtbar Person" in html
    assert "Dazu 1 Angemeldete, die nicht angezeigt werden möchte." in html


def test_nobody_registered_says_so(client, member, make_event):
    html = _page(client, member, make_event(title="Fachtag"))
    assert 'id="hidden-participants"' not in html and "Keine Teilnehmenden anzuzeigen" in html
