"""The vote page tells nobody without the vote whether an organisation has voted."""

import pytest
from django.urls import reverse

from assemblies import services
from tests.assemblies.helpers import confirm_ballot

pytestmark = pytest.mark.django_db


def _answer(client, ballot, organisation) -> str:
    response = client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": "yes", "confirmed": "yes"},
        follow=True,
    )
    return " ".join(str(message) for message in response.context["messages"])


@pytest.mark.parametrize("asker", ["member", "secretariat", "other_delegate"])
def test_a_non_voter_learns_nothing_about_who_voted(client, request, ballot, delegates, asker):
    voted, not_voted = delegates[0].organisation, delegates[1].organisation
    services.vote_cast(resolution=ballot, person=delegates[0], choice="no", organisation=voted)
    person = delegates[2] if asker == "other_delegate" else request.getfixturevalue(asker)
    client.force_login(person)
    confirm_ballot(client, ballot)  # the question is what the vote's answer tells, not the password's
    about_voted, about_not_voted = _answer(client, ballot, voted), _answer(client, ballot, not_voted)
    assert about_voted == about_not_voted
    assert voted.name not in about_voted and "bereits" not in about_voted


def test_the_delegate_hears_that_their_own_vote_was_cast(client, ballot, delegate):
    services.vote_cast(resolution=ballot, person=delegate, choice="no", organisation=delegate.organisation)
    client.force_login(delegate)
    assert "bereits abgegeben" in _answer(client, ballot, delegate.organisation)
