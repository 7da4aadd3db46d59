"""One vote per member organisation, cast by its delegate (or a proxy holder) within the window."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from assemblies import services
from assemblies.models import BallotCount, Resolution, Vote
from kernel import viewer
from members.models import Mandate, Role
from tests.assemblies.helpers import confirm_ballot, proxy_before_voting
from tests.factories import MandateFactory, OrganisationFactory, ResolutionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_takes_the_delegates_vote_once(client, ballot, delegate, organisation):
    client.force_login(delegate)
    confirm_ballot(client, ballot)
    url = reverse("resolution_vote", args=[ballot.pk])
    assert client.post(url, {"voter": f"o{organisation.pk}", "choice": "yes", "confirmed": "yes"}).status_code == 302
    assert client.post(url, {"voter": f"o{organisation.pk}", "choice": "no", "confirmed": "yes"}).status_code == 302
    vote = Vote.objects.get(resolution=ballot)
    assert (vote.organisation, vote.cast_by, vote.choice) == (organisation, delegate, "yes")


def test_the_database_refuses_a_second_vote_of_an_organisation(ballot, delegate, organisation):
    Vote.objects.create(resolution=ballot, organisation=organisation, cast_by=delegate, choice="yes")
    with pytest.raises(IntegrityError), transaction.atomic():
        Vote.objects.create(resolution=ballot, organisation=organisation, cast_by=delegate, choice="no")


def test_a_colleague_of_the_delegate_cannot_vote(client, ballot, delegate, member, organisation):
    client.force_login(member)
    client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": "yes", "confirmed": "yes"},
    )
    assert not Vote.objects.exists()
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=member, choice="yes", organisation=organisation)


def test_a_former_delegate_cannot_vote(ballot, organisation):
    former = UserFactory(organisation=organisation)
    today = timezone.localdate()
    MandateFactory(
        role=Role.DELEGATE,
        person=former,
        organisation=organisation,
        start=today - datetime.timedelta(days=400),
        end=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=former, choice="yes", organisation=organisation)
    assert not Vote.objects.exists()


def test_the_delegate_of_an_organisation_that_left_cannot_vote(ballot, delegate, organisation):
    organisation.status, organisation.left_on = "left", timezone.localdate()
    organisation.save()
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=delegate, choice="yes")
    assert not Vote.objects.exists()


def test_the_successor_casts_the_vote_from_the_day_of_succession(ballot, delegate, organisation):
    from members.models import Mandate as Office
    from members.services import mandate_save

    successor = UserFactory(organisation=organisation)
    mandate_save(
        mandate=Office(role=Role.DELEGATE, person=successor, organisation=organisation, start=timezone.localdate()),
        actor=None,
    )
    viewer.forget(delegate)
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=delegate, choice="yes")
    services.vote_cast(resolution=ballot, person=successor, choice="no")
    assert Vote.objects.get().cast_by == successor


def test_a_proxy_holder_votes_for_the_granting_organisation(ballot, delegates, secretariat, board):
    holder, absent = delegates[1], delegates[2].organisation
    proxy = proxy_before_voting(
        ballot.meeting,
        organisation=absent,
        holder=holder,
        recorded_by=secretariat,
        approver=board,
        signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
    )
    rights = services.voting_rights(resolution=ballot, person=holder)
    assert {right.organisation for right in rights} == {holder.organisation, absent}
    services.vote_cast(resolution=ballot, person=holder, choice="no", organisation=absent)
    vote = Vote.objects.get(organisation=absent)
    assert vote.proxy == proxy and vote.cast_by == holder
    # The organisation's own delegate can no longer vote for it: one vote per organisation.
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=delegates[2], choice="yes")
    assert Vote.objects.count() == 1


def test_a_delegate_whose_organisation_handed_its_vote_over_cannot_vote_for_it_until_withdrawn(
    ballot, delegates, secretariat, board
):
    """The proxy holder casts the organisation's vote; its own delegate may not cast it first."""
    holder, granting = delegates[1], delegates[2]
    proxy = proxy_before_voting(
        ballot.meeting, organisation=granting.organisation, holder=holder, recorded_by=secretariat, approver=board,
        signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
    )  # fmt: skip
    assert services.voting_rights(resolution=ballot, person=granting) == []
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=ballot, person=granting, choice="yes")
    assert not Vote.objects.exists()
    proxy.delete()  # withdrawn: the vote is the organisation's own again
    assert [r.organisation for r in services.voting_rights(resolution=ballot, person=granting)] == [
        granting.organisation
    ]


def test_a_proxy_is_held_only_by_a_delegate_of_another_organisation(meeting, delegate, member, secretariat):
    other = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.proxy_grant(
            meeting=meeting,
            organisation=other,
            holder=member,
            recorded_by=secretariat,
            signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
        )
    with pytest.raises(ValidationError):
        services.proxy_grant(
            meeting=meeting,
            organisation=delegate.organisation,
            holder=delegate,
            recorded_by=secretariat,
            signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
        )


@override_settings(ASSEMBLY_PROXIES_PER_DELEGATE=2)
def test_the_proxy_limit_holds(client, meeting, delegate, secretariat):
    granting = [OrganisationFactory() for _ in range(3)]
    for organisation in granting[:2]:
        services.proxy_grant(
            meeting=meeting,
            organisation=organisation,
            holder=delegate,
            recorded_by=secretariat,
            signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
        )
    with pytest.raises(ValidationError, match="2"):
        services.proxy_grant(
            meeting=meeting,
            organisation=granting[2],
            holder=delegate,
            recorded_by=secretariat,
            signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
        )
    # Through the page as well: the form shows why, and nothing is recorded.
    client.force_login(secretariat)
    response = client.post(
        reverse("meeting_proxy", args=[meeting.pk]),
        {"organisation": granting[2].pk, "holder": delegate.pk, "signed_by": "Oberbürgermeister", "confirmed": "yes"},
    )
    assert response.status_code == 400
    assert meeting.proxies.count() == 2
    # A proxy for another meeting does not count against this one.
    from tests.factories import MeetingFactory

    services.proxy_grant(
        meeting=MeetingFactory(),
        organisation=granting[2],
        holder=delegate,
        recorded_by=secretariat,
        signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
    )


def test_a_delegate_grants_a_proxy_only_for_their_own_organisation(client, meeting, delegates):
    client.force_login(delegates[0])
    url = reverse("meeting_proxy", args=[meeting.pk])
    client.post(url, {"organisation": delegates[1].organisation.pk, "holder": delegates[2].pk, "confirmed": "yes"})
    assert not meeting.proxies.exists()
    client.post(url, {"organisation": delegates[0].organisation.pk, "holder": delegates[2].pk, "confirmed": "yes"})
    proxy = meeting.proxies.get()
    assert (proxy.organisation, proxy.holder, proxy.recorded_by) == (
        delegates[0].organisation,
        delegates[2],
        delegates[0],
    )


def test_an_online_ballot_closes_at_its_instant(ballot, delegates):
    closes = ballot.closes_at
    with time_machine.travel(closes - datetime.timedelta(seconds=1), tick=False):
        services.vote_cast(resolution=ballot, person=delegates[0], choice="yes")
        assert services.close_due_ballots() == 0
        with pytest.raises(ValidationError):
            services.resolution_close(resolution=ballot)
    with time_machine.travel(closes, tick=False):
        with pytest.raises(ValidationError):
            services.vote_cast(resolution=ballot, person=delegates[1], choice="yes")
        assert services.close_due_ballots() == 1
    ballot.refresh_from_db()
    assert ballot.closed_at == closes and ballot.tally["yes"] == 1 and Vote.objects.count() == 1


def test_voting_has_not_begun_before_the_window_opens(meeting, delegate):
    later = ResolutionFactory(meeting=meeting, opens_at=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=later, person=delegate, choice="yes")


def test_a_frozen_result_does_not_change(ballot, delegates):
    for person in delegates[:2]:
        services.vote_cast(resolution=ballot, person=person, choice="yes")
    with time_machine.travel(ballot.closes_at, tick=False):
        services.resolution_close(resolution=ballot)
    frozen = Resolution.objects.get(pk=ballot.pk)
    Vote.objects.create(resolution=ballot, organisation=delegates[3].organisation, cast_by=delegates[3], choice="no")
    again = services.resolution_close(resolution=ballot)
    assert again.tally == frozen.tally and again.closed_at == frozen.closed_at


def test_a_secret_ballot_records_who_voted_not_how(meeting, delegates):
    election = ResolutionFactory(meeting=meeting, is_secret=True)
    services.vote_cast(resolution=election, person=delegates[0], choice="no")
    services.vote_cast(resolution=election, person=delegates[1], choice="abstain")
    services.vote_cast(resolution=election, person=delegates[2], choice="no")
    assert set(Vote.objects.values_list("choice", flat=True)) == {""}
    assert set(Vote.objects.values_list("candidate", flat=True)) == {None}
    assert {v.organisation for v in Vote.objects.all()} == {d.organisation for d in delegates[:3]}
    assert dict(BallotCount.objects.values_list("key", "count")) == {"no": 2, "abstain": 1}


def test_an_invalid_choice_changes_nothing(client, ballot, delegate, organisation):
    client.force_login(delegate)
    confirm_ballot(client, ballot)
    client.post(
        reverse("resolution_vote", args=[ballot.pk]),
        {"voter": f"o{organisation.pk}", "choice": "maybe", "confirmed": "yes"},
    )
    assert not Vote.objects.exists()


def test_in_the_meeting_only_organisations_present_or_represented_vote(meeting, delegates, secretariat, board):
    resolution = ResolutionFactory(meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None)
    present, represented, absent = (d.organisation for d in delegates[:3])
    services.attendance_record(meeting=meeting, organisation_ids=[present.pk])
    proxy_before_voting(
        meeting,
        organisation=represented,
        holder=delegates[0],
        recorded_by=secretariat,
        approver=board,
        signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
    )
    with pytest.raises(ValidationError):
        services.votes_record(
            resolution=resolution,
            recorded_by=secretariat,
            votes={f"o{present.pk}": "yes", f"o{absent.pk}": "yes"},
        )
    assert not Vote.objects.exists()
    services.votes_record(
        resolution=resolution, recorded_by=secretariat, votes={f"o{present.pk}": "yes", f"o{represented.pk}": "no"}
    )
    assert Vote.objects.get(organisation=represented).proxy.holder == delegates[0]


def test_a_secret_ballot_in_the_room_must_add_up(meeting, delegates, secretariat):
    resolution = ResolutionFactory(
        meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None, is_secret=True
    )
    services.attendance_record(meeting=meeting, organisation_ids=[d.organisation.pk for d in delegates])
    voters = [f"o{d.organisation.pk}" for d in delegates]
    with pytest.raises(ValidationError):
        services.secret_ballot_record(
            resolution=resolution, recorded_by=secretariat, voters=voters, counts={"yes": 3, "no": 0, "abstain": 0}
        )
    assert not Vote.objects.exists() and not BallotCount.objects.exists()
    services.secret_ballot_record(
        resolution=resolution, recorded_by=secretariat, voters=voters, counts={"yes": 3, "no": 1, "abstain": 0}
    )
    assert Vote.objects.count() == 4 and set(Vote.objects.values_list("choice", flat=True)) == {""}


def test_board_members_vote_individually_in_the_board_meeting(board, secretariat, delegate):
    from tests.factories import AssemblyEventFactory, MeetingFactory

    other_board_member = UserFactory()
    MandateFactory(role=Role.TREASURER, person=other_board_member)
    meeting = MeetingFactory(body="board", event=AssemblyEventFactory(kind="board_meeting", audience="board"))
    resolution = ResolutionFactory(meeting=meeting)
    services.vote_cast(resolution=resolution, person=board, choice="yes")
    services.vote_cast(resolution=resolution, person=other_board_member, choice="no")
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=resolution, person=board, choice="no")
    with pytest.raises(ValidationError):
        services.vote_cast(resolution=resolution, person=delegate, choice="yes")
    assert {v.member for v in Vote.objects.all()} == {board, other_board_member}
    assert Mandate.objects.active().filter(role__in=["chair", "treasurer"]).count() == 2


def test_the_dashboard_shows_the_delegate_an_open_ballot_until_the_vote_is_cast(client, ballot, delegate, member):
    client.force_login(member)
    assert ballot.title not in client.get(reverse("dashboard")).text  # no vote to cast
    client.force_login(delegate)
    page = client.get(reverse("dashboard")).text
    assert "Offene Abstimmungen für Sie" in page and reverse("resolution_detail", args=[ballot.pk]) in page
    services.vote_cast(resolution=ballot, person=delegate, choice="yes")
    assert reverse("resolution_detail", args=[ballot.pk]) not in client.get(reverse("dashboard")).text


@pytest.mark.parametrize("voter", ["", "o99999999999999999999999", "o²", "x1"])
def test_a_vote_without_a_valid_voter_is_refused_and_changes_nothing(client, ballot, delegate, voter):
    client.force_login(delegate)
    confirm_ballot(client, ballot)
    response = client.post(
        reverse("resolution_vote", args=[ballot.pk]), {"voter": voter, "choice": "yes", "confirmed": "yes"}
    )
    assert response.status_code == 302
    assert not Vote.objects.filter(resolution=ballot).exists()
