"""A member's attendance certificates are part of Meine Daten: exported with the rest, and no longer naming them
once the account is deleted (issue 33). The link to the member is a real foreign key, so the completeness test
(tests/members/test_my_data_complete.py) sees it."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import AttendanceCertificate, Registration
from kernel import privacy
from members.services.people import ERASED_NAME
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(client, member, make_event):
    event = make_event(
        title="Fachtag Wohnungseinbruch",
        start=timezone.now() - datetime.timedelta(hours=3),
        end=timezone.now() - datetime.timedelta(hours=1),
        certificate_hours=2,
    )
    Registration.objects.create(event=event, person=member, status="registered", attended=True)
    client.force_login(member)
    assert client.get(reverse("event_certificate", args=[event.pk])).status_code == 200
    return AttendanceCertificate.objects.get()


def test_the_certificate_is_linked_to_the_member_as_a_person(certificate, member):
    assert certificate.person == member and certificate.name == str(member)
    assert "events.AttendanceCertificate.person" in privacy.covered()


def test_meine_daten_exports_the_certificates(client, certificate, member):
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert data["attendance_certificates"] == [
        {
            "event": "Fachtag Wohnungseinbruch",
            "start": certificate.event.start.isoformat(),
            "name": str(member),
            "hours": "2.0",
            "verification_code": certificate.code,
            "issued_at": certificate.issued_at.isoformat(),
        }
    ]


def test_deleting_the_account_removes_the_name_from_the_certificates(client, certificate, member):
    name = str(member)
    assert client.post(reverse("my_data_erase"), {"password": PASSWORD}).status_code == 302
    certificate.refresh_from_db()
    assert (certificate.name, certificate.person, certificate.holder) == (ERASED_NAME, None, "")
    # The code still says the association issued it, but no longer whom to.
    check = client.get(reverse("certificate_verify"), {"code": certificate.code})
    assert check.status_code == 200 and name not in check.text and ERASED_NAME in check.text
