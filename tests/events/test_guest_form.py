"""The guest form: errors at the form with a summary at the top; after sending, the answer instead of an empty
form."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from events.models import GuestRegistration

pytestmark = pytest.mark.django_db

FORM = {"name": "Petra Gast", "email": "petra.gast@example.org", "organisation": "Polizei", "role": "Prävention",
        "needs": "", "consent": "on", "website": ""}  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def test_errors_are_summed_up_at_the_top_and_lead_to_their_fields(client, make_event):
    event = make_event(kind="conference", is_public=True)
    response = client.post(reverse("public_event_detail", args=[event.pk]), {**FORM, "email": "kaputt", "consent": ""})
    assert response.status_code == 400
    html = response.content.decode()
    summary = html[html.index('id="guest-form-errors"') : html.index("</ul>", html.index('id="guest-form-errors"'))]
    assert 'href="#id_email"' in summary and 'href="#id_consent"' in summary and 'href="#id_name"' not in summary
    assert html.index('id="guest-form-errors"') < html.index('name="name"')  # above the fields
    assert 'id="consent-error"' in html  # and at the field
    assert not GuestRegistration.objects.exists()


def test_after_sending_the_page_answers_instead_of_showing_an_empty_form(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(kind="conference", is_public=True)
    url = reverse("public_event_detail", args=[event.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, FORM, follow=True)
    html = response.content.decode()
    assert len(mail.outbox) == 1 and 'role="status"' in html
    assert "E-Mail" in html and 'name="email"' not in html and html.count("Vielen Dank") == 1
    # A bot (the honeypot filled) gets the same answer and nothing is stored.
    bot = client.post(url, {**FORM, "email": "bot@example.org", "website": "x"}, follow=True).content.decode()
    assert 'name="email"' not in bot and GuestRegistration.objects.count() == 1
    # Whoever wants to register someone else gets the form again.
    assert 'name="email"' in client.get(url).content.decode()
