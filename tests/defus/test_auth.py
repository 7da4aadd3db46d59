"""Sign-in through allauth: email login, rate limit, verified addresses, password reset."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_member_signs_in_with_email_and_lands_on_the_dashboard(client, member):
    response = client.post(reverse("account_login"), {"login": "MEMBER@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")


def test_failed_logins_are_rate_limited(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    for _ in range(3):
        response = client.post(reverse("account_login"), {"login": member.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    # Even the right password is refused while the limit holds.
    assert "_auth_user_id" not in client.session
    assert response.status_code in {200, 429}


def test_password_reset_sends_a_link(client, member):
    response = client.post(reverse("account_reset_password"), {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_session_key_changes_on_login(client, member):
    session = client.session
    session["visited"] = True
    session.save()
    before = session.session_key
    assert before
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert client.session.session_key != before
