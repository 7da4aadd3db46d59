"""The door list's search without JavaScript: the server shows the matching people, and saving that list
changes only them (the others keep what another phone at the door saved)."""

import pytest
from django.urls import reverse

from events import guests
from events.services import registration_register

pytestmark = pytest.mark.django_db


def _guest(event, name, organisation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = f"{name.split()[0].lower()}@example.org"
        guest = guests.guest_request(event=event, name=name, email=email, organisation=organisation, role="Gast")
        return guests.guest_confirm(guest=guest)


def test_it_finds_people_by_name_or_organisation_and_saves_only_those_shown(
    client, make_event, secretariat, member, django_capture_on_commit_callbacks
):
    event = make_event(is_public=True, kind="conference", capacity=10)
    registration = registration_register(event=event, person=member)
    registration.attended = True
    registration.save(update_fields=["attended"])
    karl = _guest(event, "Karl Müller", "Stadt Leer", django_capture_on_commit_callbacks)
    sabine = _guest(event, "Sabine Weber", "Universität Bochum", django_capture_on_commit_callbacks)
    client.force_login(secretariat)
    url = reverse("event_door", args=[event.pk])

    page = client.get(url, {"q": "  BOCHUM "})
    assert "Sabine Weber" in page.text and "Karl Müller" not in page.text and str(member) not in page.text
    assert 'value="BOCHUM"' in page.text  # the search stays in its field
    assert "1 of 3" in page.text or "1 von 3" in page.text
    assert client.get(url, {"q": "müller"}).text.count('name="guest"') == 1

    saved = client.post(f"{url}?q=bochum", {"listed": "1", "listed_guest": [sabine.pk], "guest": [sabine.pk]})
    assert saved["Location"] == f"{url}?q=bochum"
    for person in (registration, karl, sabine):
        person.refresh_from_db()
    assert sabine.attended and registration.attended and not karl.attended

    # The whole list (no search) is saved as a whole, as before.
    client.post(url, {"guest": [karl.pk]})
    for person in (registration, karl, sabine):
        person.refresh_from_db()
    assert karl.attended and not sabine.attended and not registration.attended
