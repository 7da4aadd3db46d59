"""Own profile and per-field directory consent, with a record of each change."""

import pytest
from django.urls import reverse

from members.models import ConsentRecord

pytestmark = pytest.mark.django_db


def _post(client, **overrides):
    data = {
        "profile-first_name": "Erika",
        "profile-last_name": "Muster",
        "profile-position": "Präventionsrat",
        "profile-phone": "0201 88",
        "profile-language": "de",
        "profile-level": "working",
        "consent-show_email": "on",
        "consent-show_position": "on",
    }
    data.update(overrides)
    return client.post(reverse("profile_edit"), {k: v for k, v in data.items() if v is not None})


def test_consent_is_recorded_and_withdrawn_as_easily(client, member):
    client.force_login(member)
    assert _post(client).status_code == 302
    member.refresh_from_db()
    assert member.show_email and member.show_position and not member.show_phone
    assert member.position == "Präventionsrat"
    granted = ConsentRecord.objects.filter(person=member, granted=True)
    assert set(granted.values_list("subject", flat=True)) == {"directory_email", "directory_position"}
    # Withdrawing is one untick.
    _post(client, **{"consent-show_email": None})
    member.refresh_from_db()
    assert not member.show_email
    withdrawn = ConsentRecord.objects.get(person=member, granted=False)
    assert withdrawn.subject == "directory_email" and withdrawn.recorded_at is not None
    # Saving again without changes records nothing new.
    _post(client, **{"consent-show_email": None})
    assert ConsentRecord.objects.filter(person=member).count() == 3


def test_bad_input_changes_nothing_and_explains(client, member):
    client.force_login(member)
    response = _post(client, **{"profile-level": "emperor", "profile-first_name": "x" * 300})
    assert response.status_code == 200
    assert "gültige Auswahl" in response.content.decode()
    member.refresh_from_db()
    assert member.first_name == "Erika" and not ConsentRecord.objects.exists()


def test_language_in_the_profile_switches_the_portal(client, member):
    client.force_login(member)
    _post(client, **{"profile-language": "en"})
    assert '<html lang="en">' in client.get(reverse("profile_edit")).content.decode()


def test_a_name_is_required(client, member):
    client.force_login(member)
    response = _post(client, **{"profile-first_name": "", "profile-last_name": ""})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.first_name == "Erika"
