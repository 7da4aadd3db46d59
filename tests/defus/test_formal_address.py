"""German pages and emails address people as "Sie", also where the text comes from django-allauth."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils.html import strip_tags

from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db

INFORMAL = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines|hast|bist|kannst|möchtest|gib|lass)\b", re.IGNORECASE
)
OVERRIDES = Path(settings.BASE_DIR) / "locale_overrides" / "de" / "LC_MESSAGES" / "django.po"


def _german(client, url, **kwargs):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de", follow=True, **kwargs)
    assert response.status_code == 200, url
    return strip_tags(response.content.decode())


def _assert_formal(text, formal_phrase):
    assert not INFORMAL.findall(text), INFORMAL.findall(text)
    assert formal_phrase in text


def test_sign_in_and_password_reset_say_sie(client):
    _assert_formal(_german(client, reverse("account_login")), "Passwort vergessen?")
    _assert_formal(_german(client, reverse("account_reset_password")), "Geben Sie unten Ihre E-Mail-Adresse ein")
    bad_key = reverse("account_reset_password_from_key", kwargs={"uidb36": "x", "key": "y-z"})
    _assert_formal(_german(client, bad_key), "fordern Sie einen neuen Link an")


def test_the_password_reset_email_says_sie(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email}, HTTP_ACCEPT_LANGUAGE="de")
    (message,) = mail.outbox
    _assert_formal(message.body, "Sie erhalten diese E-Mail")


def test_invitation_sign_up_says_sie(client, organisation):
    invitation = InvitationFactory(email="nora@example.org", organisation=organisation)
    text = _german(client, reverse("invitation_accept", args=[invitation.token]))
    assert not INFORMAL.findall(text), INFORMAL.findall(text)


def test_signed_in_pages_from_allauth_say_sie(client, member):
    client.force_login(member)
    _assert_formal(_german(client, reverse("account_logout")), "Möchten Sie sich wirklich abmelden?")
    _assert_formal(_german(client, reverse("account_email")), "E-Mail-Adressen")
    _assert_formal(_german(client, reverse("mfa_index")), "Authenticator-App")
    # Activating an authenticator first asks to confirm the password again (allauth's reauthentication).
    _assert_formal(_german(client, reverse("mfa_activate_totp")), "Zugriff bestätigen")


def test_every_override_is_formal_and_keeps_its_placeholders():
    import polib

    placeholder = re.compile(r"%(?:\(\w+\))?[sd]|<[^>]+>")
    for entry in polib.pofile(str(OVERRIDES)):
        assert entry.msgstr, entry.msgid
        assert not INFORMAL.findall(entry.msgstr), entry.msgstr
        assert sorted(placeholder.findall(entry.msgid)) == sorted(placeholder.findall(entry.msgstr)), entry.msgid
