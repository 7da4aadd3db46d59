"""The session key changes on login and on logout, and an old key is worth nothing afterwards."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_login_replaces_the_session_and_retires_the_old_key(client, member):
    client.get(reverse("account_login"))
    session = client.session
    session["before_login"] = True  # a visitor's session, e.g. planted by an attacker (fixation)
    session.save()
    before = session.session_key
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    after = _session_key(client)
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    # Someone holding the pre-login key is not signed in.
    fixated = Client()
    fixated.cookies[settings.SESSION_COOKIE_NAME] = before
    assert fixated.get(reverse("dashboard")).status_code == 302


def test_logout_ends_the_session_and_the_old_key_no_longer_works(client, member):
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    signed_in = _session_key(client)
    assert client.get(reverse("dashboard")).status_code == 200
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert _session_key(client) != signed_in
    assert not Session.objects.filter(session_key=signed_in).exists()
    stolen = Client()
    stolen.cookies[settings.SESSION_COOKIE_NAME] = signed_in
    response = stolen.get(reverse("dashboard"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_logout_needs_a_post(client, member):
    client.force_login(member)
    client.get(reverse("account_logout"))  # a link or an <img> cannot sign anyone out
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_session_cookie_is_http_only_and_same_site(client, member, settings):
    settings.SESSION_COOKIE_SECURE = True
    client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["secure"] and cookie["samesite"] == "Lax"
