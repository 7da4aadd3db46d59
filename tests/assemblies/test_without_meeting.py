"""Resolution without a meeting (§ 32 Abs. 3 BGB): valid only with every member organisation's consent."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from assemblies import services
from assemblies.models import Consent
from tests.factories import ResolutionFactory, make_delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def circular(db):
    return ResolutionFactory(meeting=None, procedure="without_meeting", majority="all_members")


def test_it_is_adopted_when_every_member_organisation_consents(circular):
    delegates = [make_delegate() for _ in range(3)]
    for person in delegates:
        services.consent_declare(resolution=circular, person=person, agrees=True, statement="Wir stimmen zu.")
    # Everyone has consented: no need to wait for the deadline.
    resolution = services.resolution_close(resolution=circular)
    assert resolution.outcome == "adopted" and resolution.tally == {"entitled": 3, "yes": 3, "no": 0, "missing": 0}


def test_it_fails_with_one_consent_missing(circular):
    delegates = [make_delegate() for _ in range(3)]
    for person in delegates[:2]:
        services.consent_declare(resolution=circular, person=person, agrees=True, statement="Wir stimmen zu.")
    with pytest.raises(ValidationError):
        services.resolution_close(resolution=circular)  # still open, one declaration outstanding
    with time_machine.travel(circular.closes_at, tick=False):
        assert services.close_due_ballots() == 1
    circular.refresh_from_db()
    assert circular.outcome == "rejected" and circular.tally["missing"] == 1


def test_one_refusal_decides_at_once(circular):
    delegates = [make_delegate() for _ in range(3)]
    services.consent_declare(resolution=circular, person=delegates[0], agrees=False, statement="Wir lehnen ab.")
    assert services.resolution_close(resolution=circular).outcome == "rejected"


def test_only_a_delegate_declares_once_for_the_organisation(client, circular, delegate, member):
    client.force_login(member)
    url = reverse("resolution_consent", args=[circular.pk])
    assert client.post(url, {"agrees": "yes", "statement": "Ja"}).status_code == 403
    client.force_login(delegate)
    assert client.post(url, {"agrees": "yes", "statement": ""}).status_code == 400  # the text is required
    assert not Consent.objects.exists()
    assert client.post(url, {"agrees": "yes", "statement": "Stadt Essen stimmt zu. Erika Muster"}).status_code == 302
    assert client.post(url, {"agrees": "no", "statement": "Doch nicht"}).status_code == 403
    consent = Consent.objects.get()
    assert consent.agrees and consent.organisation == delegate.organisation and consent.declared_by == delegate
