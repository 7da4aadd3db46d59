"""The required majority, the quorum, elections and the position paper, computed and frozen."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats, timezone

from assemblies import services
from assemblies.models import Candidate, Resolution
from members.models import Mandate, Role
from tests.assemblies.helpers import proxy_before_voting, second_secretariat
from tests.factories import MandateFactory, ResolutionFactory, UserFactory, make_delegate, make_document

pytestmark = pytest.mark.django_db

ADOPTED, REJECTED, NOT_QUORATE = "adopted", "rejected", "not_quorate"


def _decide(majority, yes, no, entitled=20, participating=20, quorum=50):
    return services.decide(
        majority=majority, yes=yes, no=no, entitled=entitled, participating=participating, quorum_percent=quorum
    )


@pytest.mark.parametrize(
    ("yes", "no", "expected"),
    [
        (9, 3, ADOPTED),  # exactly three quarters of the votes cast
        (8, 3, REJECTED),  # 8 of 11 is less than three quarters
        (3, 1, ADOPTED),  # the abstentions of everyone else do not count as votes cast
        (0, 0, REJECTED),  # only abstentions: nothing adopted
    ],
)
def test_three_quarters_of_the_votes_cast(yes, no, expected):
    assert _decide("three_quarters", yes, no) == expected


def test_three_quarters_with_abstentions_through_a_ballot(meeting):
    """12 organisations: 6 yes, 2 no, 4 abstain -> 6 of 8 votes cast = three quarters, adopted."""
    resolution = ResolutionFactory(meeting=meeting, majority="three_quarters")
    choices = ["yes"] * 6 + ["no"] * 2 + ["abstain"] * 4
    for choice in choices:
        services.vote_cast(resolution=resolution, person=make_delegate(), choice=choice)
    with time_machine.travel(resolution.closes_at, tick=False):
        resolution = services.resolution_close(resolution=resolution)
    assert resolution.outcome == ADOPTED
    assert (resolution.tally["yes"], resolution.tally["no"], resolution.tally["abstain"]) == (6, 2, 4)
    other = ResolutionFactory(meeting=meeting, majority="three_quarters")
    for choice in ["yes"] * 5 + ["no"] * 2 + ["abstain"] * 5:
        services.vote_cast(resolution=other, person=make_delegate(), choice=choice)
    with time_machine.travel(other.closes_at, tick=False):
        assert services.resolution_close(resolution=other).outcome == REJECTED  # 5 of 7 < 3/4


def test_simple_majority_ignores_abstentions_and_a_tie_fails():
    assert _decide("simple", 2, 1) == ADOPTED
    assert _decide("simple", 2, 2) == REJECTED


def test_a_change_of_purpose_needs_every_member():
    assert _decide("all_members", 19, 0) == REJECTED
    assert _decide("all_members", 20, 0) == ADOPTED


def test_a_missing_quorum_makes_the_result_invalid(meeting):
    delegates = [make_delegate() for _ in range(10)]
    resolution = ResolutionFactory(meeting=meeting)
    for person in delegates[:4]:  # 4 of 10 organisations take part, all in favour; the quorum is half
        services.vote_cast(resolution=resolution, person=person, choice="yes")
    with time_machine.travel(resolution.closes_at, tick=False):
        resolution = services.resolution_close(resolution=resolution)
    assert resolution.outcome == NOT_QUORATE
    assert resolution.tally["participating"] == 4 and resolution.tally["entitled"] == 10
    quorate = ResolutionFactory(meeting=meeting)
    for person in delegates[:5]:
        services.vote_cast(resolution=quorate, person=person, choice="abstain" if person != delegates[0] else "yes")
    with time_machine.travel(quorate.closes_at, tick=False):
        # Abstentions count for the quorum, not as votes cast: 1 yes, 0 no.
        assert services.resolution_close(resolution=quorate).outcome == ADOPTED


def test_the_quorum_in_the_room_counts_organisations_present_or_represented(meeting, secretariat):
    delegates = [make_delegate() for _ in range(6)]
    services.attendance_record(meeting=meeting, organisation_ids=[d.organisation.pk for d in delegates[:2]])
    resolution = ResolutionFactory(meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None)
    services.votes_record(
        resolution=resolution, recorded_by=secretariat, votes={f"o{d.organisation.pk}": "yes" for d in delegates[:2]}
    )
    assert services.resolution_close(resolution=resolution).outcome == NOT_QUORATE  # 2 of 6
    proxy_before_voting(
        meeting,
        organisation=delegates[2].organisation,
        holder=delegates[0],
        recorded_by=secretariat,
        approver=second_secretariat(),
        signed_by="Oberbürgermeisterin (Vollmacht auf Papier)",
    )
    again = ResolutionFactory(meeting=meeting, procedure="in_meeting", opens_at=None, closes_at=None)
    services.votes_record(resolution=again, recorded_by=secretariat, votes={f"o{delegates[0].organisation.pk}": "yes"})
    closed = services.resolution_close(resolution=again)
    assert closed.tally["participating"] == 3 and closed.outcome == ADOPTED  # 3 of 6 is half


def _election(meeting, office, **fields):
    today = timezone.localdate()
    return ResolutionFactory(
        meeting=meeting,
        is_secret=True,
        office=office,
        term_start=fields.pop("term_start", today + datetime.timedelta(days=30)),
        term_end=fields.pop("term_end", today + datetime.timedelta(days=30 + 730)),
        **fields,
    )


def test_an_election_creates_the_office_with_its_term(meeting, client, member):
    election = _election(meeting, Role.TREASURER)
    anna, ben = (Candidate.objects.create(resolution=election, person=UserFactory(organisation=None)) for _ in range(2))
    for choice in [f"candidate-{anna.pk}"] * 3 + [f"candidate-{ben.pk}", "abstain"]:
        services.vote_cast(resolution=election, person=make_delegate(), choice=choice)
    with time_machine.travel(election.closes_at, tick=False):
        election = services.resolution_close(resolution=election)
    assert election.outcome == ADOPTED and election.elected == anna.person
    office = Mandate.objects.get(person=anna.person)
    assert (office.role, office.start, office.end) == (Role.TREASURER, election.term_start, election.term_end)
    assert meeting.title in office.elected_at
    assert election.tally["candidates"][0] == {"person_id": anna.person_id, "name": str(anna.person), "votes": 3}
    # The result names the person elected and the office and term it created.
    client.force_login(member)
    page = client.get(reverse("resolution_detail", args=[election.pk])).content.decode()
    assert str(anna.person) in page and "Schatzmeister" in page
    assert formats.date_format(election.term_end, "DATE_FORMAT") in page


def test_no_candidate_with_more_than_half_of_the_votes_cast_is_not_elected(meeting):
    election = _election(meeting, Role.BOARD_MEMBER)
    anna, ben = (Candidate.objects.create(resolution=election, person=UserFactory(organisation=None)) for _ in range(2))
    for choice in [f"candidate-{anna.pk}", f"candidate-{anna.pk}", f"candidate-{ben.pk}", "no"]:
        services.vote_cast(resolution=election, person=make_delegate(), choice=choice)
    with time_machine.travel(election.closes_at, tick=False):
        election = services.resolution_close(resolution=election)
    assert election.outcome == REJECTED and election.elected is None
    assert not Mandate.objects.filter(role=Role.BOARD_MEMBER).exists()


def test_an_elected_chair_is_checked_by_the_bylaws(meeting, board):
    """The office service applies the bylaws: a second chair for the same period is not created."""
    election = _election(meeting, Role.CHAIR)
    anna = Candidate.objects.create(resolution=election, person=UserFactory(organisation=None))
    services.vote_cast(resolution=election, person=make_delegate(), choice=f"candidate-{anna.pk}")
    with time_machine.travel(election.closes_at, tick=False):
        election = services.resolution_close(resolution=election)
    assert election.outcome == ADOPTED and election.office_note
    assert not Mandate.objects.filter(person=anna.person).exists()


def test_an_adopted_position_paper_is_published_in_the_library(meeting):
    paper = make_document(label="members", title="Positionspapier Sicherheit im öffentlichen Raum")
    resolution = ResolutionFactory(meeting=meeting, position_paper=paper)
    services.vote_cast(resolution=resolution, person=make_delegate(), choice="yes")
    with time_machine.travel(resolution.closes_at, tick=False):
        services.resolution_close(resolution=resolution)
    paper.refresh_from_db()
    assert paper.label == "public" and resolution.title in paper.description
    assert paper.resolutions.get() == resolution


def test_a_rejected_position_paper_stays_internal(meeting):
    paper = make_document(label="members")
    resolution = ResolutionFactory(meeting=meeting, position_paper=paper)
    services.vote_cast(resolution=resolution, person=make_delegate(), choice="no")
    with time_machine.travel(resolution.closes_at, tick=False):
        assert services.resolution_close(resolution=resolution).outcome == REJECTED
    paper.refresh_from_db()
    assert paper.label == "members"


def test_members_see_the_frozen_result_not_the_running_count(client, ballot, member, delegate):
    services.vote_cast(resolution=ballot, person=delegate, choice="yes")
    client.force_login(member)
    html = client.get(ballot.get_absolute_url()).content.decode()
    assert 'id="roll-heading"' not in html
    with time_machine.travel(ballot.closes_at, tick=False):
        services.resolution_close(resolution=ballot)
        client.force_login(member)
        html = client.get(ballot.get_absolute_url()).content.decode()
    assert 'id="roll-heading"' in html and delegate.organisation.name in html
    assert Resolution.objects.get(pk=ballot.pk).outcome == ADOPTED


def test_an_elected_auditor_cannot_be_on_the_board(meeting):
    person = UserFactory(organisation=None)
    MandateFactory(role=Role.BOARD_MEMBER, person=person)
    election = _election(meeting, Role.AUDITOR)
    candidate = Candidate.objects.create(resolution=election, person=person)
    services.vote_cast(resolution=election, person=make_delegate(), choice=f"candidate-{candidate.pk}")
    with time_machine.travel(election.closes_at, tick=False):
        election = services.resolution_close(resolution=election)
    assert election.office_note and not Mandate.objects.filter(person=person, role=Role.AUDITOR).exists()
