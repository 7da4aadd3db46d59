"""Staff must set up a second factor when MFA_REQUIRED_FOR_STAFF is on (production default)."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def test_staff_without_totp_is_sent_to_set_it_up(client, secretariat, mfa_required):
    client.force_login(secretariat)
    for url in (reverse("dashboard"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_totp_may_work(client, secretariat, mfa_required):
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(secretariat)
    assert client.get(reverse("admin:index")).status_code == 200


def test_members_are_not_forced(client, member, mfa_required):
    client.force_login(member)
    assert client.get(reverse("dashboard")).status_code == 200
