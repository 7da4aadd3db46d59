"""Staff MFA as production enforces it (MFA_REQUIRED_FOR_STAFF on, the production default).

tests/defus/test_mfa.py covers the redirect to the setup page; this adds the sign-in with a
second factor and shows that no admin page and no admin change is reachable without one.
Production having the flag on is checked in tests/security/test_headers.py.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.contrib import admin
from django.urls import reverse

from members.models import Invitation
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_FOR_STAFF = True


def _current_code(secret: str) -> str:
    import time

    from allauth.mfa import app_settings

    return format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))


def test_staff_with_totp_need_the_code_as_well_as_the_password(client, secretariat):
    secret = generate_totp_secret()
    TOTP.activate(secretariat, secret)
    response = client.post(reverse("account_login"), {"login": secretariat.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")
    # The password alone signs nobody in.
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("account_login"))

    response = client.post(
        reverse("mfa_authenticate"), {"code": "000000" if _current_code(secret) != "000000" else "111111"}
    )
    assert response.status_code == 200  # the form again, with its error
    assert client.get(reverse("admin:index")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_without_totp_reach_no_admin_page_and_change_nothing(client, secretariat, organisation):
    client.force_login(secretariat)
    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp"), url
    response = client.post(
        reverse("admin:members_invitation_add"), {"email": "neu@example.org", "organisation": organisation.pk}
    )
    assert response["Location"] == reverse("mfa_activate_totp")
    assert not Invitation.objects.exists()
    # Setting up the second factor itself stays reachable.
    assert client.get(reverse("mfa_index")).status_code == 200
