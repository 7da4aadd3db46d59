"""Who may vote is answered in one place (assemblies.voting_rights); every other place agrees with it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assemblies import selectors, services, voting_rights
from assemblies.forms import ProxyForm
from assemblies.models import Proxy, Vote
from kernel import viewer
from members.models import Organisation
from members.selectors import current_delegates, organisation_detail
from tests.assemblies.helpers import confirm_ballot
from tests.factories import (
    AssemblyEventFactory,
    MeetingFactory,
    OrganisationFactory,
    ResolutionFactory,
    make_delegate,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def suspended_delegate(db):
    """The delegate of an organisation that is no longer a member; the office itself was never ended."""
    organisation = OrganisationFactory(name="Stadt Ruhend", slug="stadt-ruhend", status=Organisation.Status.SUSPENDED)
    return make_delegate(organisation)


@pytest.fixture
def board_ballot(db):
    meeting = MeetingFactory(body="board", event=AssemblyEventFactory(kind="board_meeting", audience="board"))
    return ResolutionFactory(meeting=meeting)


def test_the_delegate_of_an_organisation_no_longer_a_member_votes_nowhere(client, ballot, suspended_delegate):
    organisation = suspended_delegate.organisation
    assert voting_rights.voting_rights(resolution=ballot, person=suspended_delegate) == []
    assert not voting_rights.is_delegate(suspended_delegate)
    assert not voting_rights.voters(resolution=ballot).filter(pk=suspended_delegate.pk).exists()
    assert selectors.open_ballots_for(user=suspended_delegate) == []
    assert not suspended_delegate.has_perm("assemblies.cast_vote", ballot)
    # Not offered as proxy holder, not invited, not shown as the organisation's delegate in the directory.
    form = ProxyForm(user=suspended_delegate, on_paper=True)
    assert not form.fields["holder"].queryset.filter(pk=suspended_delegate.pk).exists()
    recipients = [r.email.lower() for r in services.recipients(ballot.meeting).by_email]
    assert suspended_delegate.email.lower() not in recipients
    assert not current_delegates().filter(person=suspended_delegate).exists()
    assert organisation_detail(slug=organisation.slug)["delegate"] is None
    # The service and the ballot view refuse the vote.
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=suspended_delegate, choice="yes", organisation=organisation)
    client.force_login(suspended_delegate)
    confirm_ballot(client, ballot)
    client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": "yes", "confirmed": "yes"},
    )
    assert not Vote.objects.exists()


def test_a_proxy_of_an_organisation_no_longer_a_member_carries_no_vote(ballot, delegates, secretariat):
    holder, granting = delegates[1], delegates[2].organisation
    Proxy.objects.create(meeting=ballot.meeting, organisation=granting, holder=holder, recorded_by=secretariat)
    services.vote_cast(resolution=ballot, person=holder, choice="yes", organisation=holder.organisation)
    assert selectors.open_ballots_for(user=holder) == [ballot]
    granting.status = Organisation.Status.SUSPENDED
    granting.save()
    viewer.forget(holder)
    assert voting_rights.voting_rights(resolution=ballot, person=holder) == []
    # The list of open ballots agrees: nothing is left for the holder to cast.
    assert selectors.open_ballots_for(user=holder) == []
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=holder, choice="yes", organisation=granting)


def test_the_room_records_only_votes_of_member_organisations(ballot, delegates, secretariat):
    ballot.procedure = "in_meeting"
    ballot.save()
    left = delegates[3].organisation
    services.attendance_record(meeting=ballot.meeting, organisation_ids=[d.organisation.pk for d in delegates])
    left.status = Organisation.Status.SUSPENDED
    left.save()
    assert set(services.room_voting_rights(ballot)) == {f"o{d.organisation.pk}" for d in delegates[:3]}
    with pytest.raises(ValidationError):
        services.votes_record(resolution=ballot, recorded_by=secretariat, votes={f"o{left.pk}": "yes"})
    assert not Vote.objects.exists()


PERSONAS = [
    "delegate",
    "suspended_delegate",
    "proxy_holder",
    "board",
    "member",
    "secretariat",
    "closed_account_delegate",
]


@pytest.fixture
def people(ballot, delegate, suspended_delegate, board, member, secretariat):
    holder = make_delegate()
    granting = make_delegate().organisation
    Proxy.objects.create(meeting=ballot.meeting, organisation=granting, holder=holder, recorded_by=secretariat)
    former = make_delegate(is_active=False)  # the account was closed, the office not yet ended
    return {
        "delegate": delegate,
        "suspended_delegate": suspended_delegate,
        "proxy_holder": holder,
        "board": board,
        "member": member,
        "secretariat": secretariat,
        "closed_account_delegate": former,
    }


@pytest.mark.parametrize("body", ["members", "board"])
def test_the_list_of_voters_and_each_persons_rights_agree(people, ballot, board_ballot, body):
    resolution = ballot if body == "members" else board_ballot
    voters = set(voting_rights.voters(resolution=resolution).values_list("pk", flat=True))
    keys = voting_rights.vote_keys(resolution=resolution)
    for name, person in people.items():
        rights = voting_rights.entitled_rights(resolution, person)
        assert (person.pk in voters) == bool(rights), name
        assert keys.get(person.pk, frozenset()) == {right.key for right in rights}, name
        assert person.has_perm("assemblies.cast_vote", resolution) == bool(rights), name
    expected = {
        "members": {"delegate", "proxy_holder"},
        "board": {"board"},
    }[body]
    assert {name for name, person in people.items() if person.pk in voters} == expected
    if body == "members":
        holder = people["proxy_holder"]
        assert len(keys[holder.pk]) == 2  # own organisation and the proxy
