"""Sign-up only through an invitation from the secretariat."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members.models import Invitation, User
from members.services import invitation_create
from tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


def _signup(client, **data):
    payload = {
        "first_name": "Nora",
        "last_name": "Neu",
        "password1": "sicheres-passwort-42",
        "password2": "sicheres-passwort-42",
    }
    payload.update(data)
    return client.post(reverse("account_signup"), payload)


def test_it_closes_signup_without_invitation(client):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    _signup(client, email="intruder@example.org")
    assert not User.objects.filter(email="intruder@example.org").exists()


def test_it_sends_the_invitation_with_an_absolute_link(
    secretariat, organisation, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation = invitation_create(email="New@Example.org", organisation=organisation, invited_by=secretariat)
    # Nothing leaves before the transaction commits.
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new@example.org"]
    assert "Stadt Essen" in message.subject
    link = f"{settings.SITE_URL}/einladung/{invitation.token}/"
    assert link in message.body
    html = message.alternatives[0].content
    assert f'href="{link}"' in html and '<html lang="de">' in html
    invitation.refresh_from_db()
    assert invitation.sent_at is not None


def test_it_signs_up_with_the_invited_address_for_the_organisation(client, organisation):
    invitation = InvitationFactory(email="nora@example.org", organisation=organisation)
    response = client.get(reverse("invitation_accept", args=[invitation.token]), follow=True)
    assert response.status_code == 200
    assert b"nora@example.org" in response.content
    # A different address in the POST is ignored: the field is fixed.
    response = _signup(client, email="someone-else@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="nora@example.org")
    assert user.organisation == organisation
    assert user.get_full_name() == "Nora Neu"
    assert not User.objects.filter(email="someone-else@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    # Verified by the link: signed in straight away, no verification mail.
    assert client.get(reverse("dashboard")).status_code == 200
    assert mail.outbox == []


@pytest.mark.parametrize(
    "state",
    [
        {"expires_at": timezone.now() - datetime.timedelta(minutes=1)},
        {"revoked_at": timezone.now()},
        {"accepted_at": timezone.now()},
    ],
    ids=["expired", "revoked", "used"],
)
def test_it_refuses_an_unusable_invitation(client, organisation, state):
    invitation = InvitationFactory(organisation=organisation, **state)
    response = client.get(reverse("invitation_accept", args=[invitation.token]))
    assert response.status_code == 410
    assert "Einladung nicht mehr gültig" in response.content.decode()
    assert client.get(reverse("account_signup")).templates[0].name == "account/signup_closed.html"


def test_it_uses_an_invitation_once(client, organisation):
    invitation = InvitationFactory(email="once@example.org", organisation=organisation)
    client.get(reverse("invitation_accept", args=[invitation.token]))
    _signup(client)
    client.logout()
    assert client.get(reverse("invitation_accept", args=[invitation.token])).status_code == 410
    assert User.objects.filter(email="once@example.org").count() == 1


def test_secretariat_invites_in_the_admin_without_superuser(client, secretariat, organisation):
    assert not secretariat.is_superuser
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_invitation_add"), {"email": "admin-invite@example.org", "organisation": organisation.pk}
    )
    assert response.status_code == 302, response.content[:2000]
    invitation = Invitation.objects.get(email="admin-invite@example.org")
    assert invitation.invited_by == secretariat
    assert invitation.expires_at > timezone.now() + datetime.timedelta(days=13)


@pytest.mark.parametrize(("ticked", "frequency"), [({"digest": "on"}, "weekly"), ({}, "off")])
def test_the_digest_choice_at_sign_up_is_recorded_as_consent(client, organisation, ticked, frequency):
    invitation = InvitationFactory(email="nora@example.org", organisation=organisation)
    page = client.get(reverse("invitation_accept", args=[invitation.token]), follow=True)
    # Offered, never ticked in advance (a pre-ticked box is no consent under the GDPR).
    assert 'name="digest"' in page.text and "checked" not in page.text.split('name="digest"')[1].split(">")[0]
    assert _signup(client, **ticked).status_code == 302
    user = User.objects.get(email="nora@example.org")
    assert user.digest == frequency
    (consent,) = user.consent_records.all()
    assert (consent.subject, consent.granted) == ("digest", frequency == "weekly")
