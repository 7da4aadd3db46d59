"""A vote asks for the password again, once per session and ballot (issue 33): a session someone else holds,
with a password someone else set, does not cast the organisation's vote unnoticed."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from assemblies import services
from assemblies.models import Vote
from tests.factories import PASSWORD, ResolutionFactory

pytestmark = pytest.mark.django_db


def _vote(client, ballot, organisation, choice="yes"):
    return client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": choice, "confirmed": "yes"},
    )


def _confirm(client, response, password=PASSWORD):
    """Follow the vote's redirect to allauth's reauthentication and confirm there with the password."""
    url = response["Location"]
    assert urlsplit(url).path == reverse("account_reauthenticate")
    return client.post(url, {"password": password})


def test_a_vote_asks_for_the_password_first_and_is_cast_after_it(client, ballot, delegate, organisation):
    client.force_login(delegate)
    with translation.override("en"):
        page = client.get(reverse("resolution_detail", args=[ballot.pk])).text
    assert "fragt das Portal noch einmal" in page  # said before the click (in the person's language)

    response = _vote(client, ballot, organisation)
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    assert not Vote.objects.exists()

    # A wrong password casts nothing.
    assert _confirm(client, response, password="wrong").status_code == 200
    assert not Vote.objects.exists()

    response = _confirm(client, response)
    assert response.status_code == 302 and response["Location"] == reverse("resolution_detail", args=[ballot.pk])
    vote = Vote.objects.get(resolution=ballot)
    assert (vote.organisation, vote.cast_by, vote.choice) == (organisation, delegate, "yes")
    with translation.override("en"):
        page = client.get(reverse("resolution_detail", args=[ballot.pk])).text
    assert "asks for your password again" not in page


def test_the_next_vote_in_the_same_ballot_goes_through(client, meeting, delegates):
    holder, giver = delegates[0], delegates[1]
    services.proxy_grant(meeting=meeting, organisation=giver.organisation, holder=holder, recorded_by=giver)
    ballot = ResolutionFactory(meeting=meeting)
    client.force_login(holder)
    _confirm(client, _vote(client, ballot, holder.organisation))
    # The proxy's vote, in the same ballot and session: no second question.
    response = _vote(client, ballot, giver.organisation, "no")
    assert response["Location"] == reverse("resolution_detail", args=[ballot.pk])
    assert Vote.objects.filter(resolution=ballot).count() == 2


def test_another_ballot_asks_again(client, meeting, delegate, organisation):
    first, second = ResolutionFactory(meeting=meeting), ResolutionFactory(meeting=meeting)
    client.force_login(delegate)
    _confirm(client, _vote(client, first, organisation))
    assert Vote.objects.filter(resolution=first).exists()
    # Moments later, a new ballot: asked again, although the last confirmation is recent.
    response = _vote(client, second, organisation)
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")
    assert not Vote.objects.filter(resolution=second).exists()
    _confirm(client, response)
    assert Vote.objects.filter(resolution=second).exists()


def test_a_new_session_asks_again(client, ballot, delegate, organisation):
    second = ResolutionFactory(meeting=ballot.meeting)
    client.force_login(delegate)
    _confirm(client, _vote(client, ballot, organisation))
    client.logout()
    client.force_login(delegate)
    response = _vote(client, second, organisation)
    assert urlsplit(response["Location"]).path == reverse("account_reauthenticate")


def test_someone_without_a_vote_is_not_asked_and_refused_as_before(client, ballot, member, organisation):
    client.force_login(member)
    response = _vote(client, ballot, organisation)
    assert response["Location"] == reverse("resolution_detail", args=[ballot.pk])
    assert not Vote.objects.exists()


def test_a_person_with_a_second_factor_is_asked_for_the_code(client, ballot, delegate, organisation):
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

    secret = generate_totp_secret()
    TOTP.activate(delegate, secret)
    client.force_login(delegate)
    response = _vote(client, ballot, organisation)
    assert urlsplit(response["Location"]).path == reverse("mfa_reauthenticate")
    assert not Vote.objects.exists()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // app_settings.TOTP_PERIOD))
    response = client.post(response["Location"], {"code": code})
    assert response["Location"] == reverse("resolution_detail", args=[ballot.pk])
    assert Vote.objects.get(resolution=ballot).cast_by == delegate
