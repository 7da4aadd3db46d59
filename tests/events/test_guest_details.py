"""A guest corrects name, organisation and needs from the personal link (issue 28)."""

import pytest
from django.urls import reverse

from events import guests
from events.certificates import certificate_for
from events.models import AttendanceCertificate, GuestRegistration

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(make_event, django_capture_on_commit_callbacks):
    event = make_event(title="Fachkonferenz Prävention", kind="conference", is_public=True, capacity=10)
    with django_capture_on_commit_callbacks(execute=True):
        pending = guests.guest_request(
            event=event, name="Petra Gsat", email="petra@example.org", organisation="Polizei Esen", role="-"
        )
        return guests.guest_confirm(guest=pending)


def test_the_guest_corrects_name_organisation_and_needs(client, guest):
    page = client.get(guest.get_absolute_url()).content.decode()
    url = reverse("guest_details", args=[guest.token])
    assert url in page  # the personal page leads there
    form = client.get(url).content.decode()
    assert 'value="Petra Gsat"' in form and 'value="Polizei Esen"' in form
    response = client.post(url, {"name": "Petra Gast", "organisation": "Polizei Essen", "needs": "Rollstuhl"})
    assert response.status_code == 302 and response["Location"] == guest.get_absolute_url()
    guest.refresh_from_db()
    assert (guest.name, guest.organisation, guest.needs) == ("Petra Gast", "Polizei Essen", "Rollstuhl")
    assert guest.email == "petra@example.org" and guest.status == GuestRegistration.Status.REGISTERED
    assert "Petra Gast" in client.get(guest.get_absolute_url()).content.decode()


def test_a_certificate_already_issued_names_the_corrected_person(client, guest):
    certificate = certificate_for(event=guest.event, holder=f"g{guest.pk}", name=guest.name)
    client.post(reverse("guest_details", args=[guest.token]), {"name": "Petra Gast", "organisation": "X"})
    assert AttendanceCertificate.objects.get(pk=certificate.pk).name == "Petra Gast"


def test_an_empty_name_is_refused_at_the_field_with_a_summary(client, guest):
    response = client.post(reverse("guest_details", args=[guest.token]), {"name": " ", "organisation": "X"})
    html = response.content.decode()
    assert response.status_code == 200 and 'id="guest-details-errors"' in html and 'href="#id_name"' in html
    guest.refresh_from_db()
    assert guest.name == "Petra Gsat"


def test_a_cancelled_registration_or_a_wrong_link_finds_nothing(client, guest):
    assert client.get(reverse("guest_details", args=["falsch"])).status_code == 404
    guests.guest_cancel(guest=guest)
    response = client.post(reverse("guest_details", args=[guest.token]), {"name": "Neu", "organisation": "X"})
    assert response.status_code == 404
