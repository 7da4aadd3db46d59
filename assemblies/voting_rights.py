"""Who may vote: which votes a person may cast on a resolution today.

The one place that answers it, for one person (``entitled_rights``, ``voting_rights``) and for
everyone at once (``voters``, ``vote_keys``); services, selectors, forms, views and permissions ask here.

The bylaws' rule: in the members' meeting each member organisation (status active) has one vote,
cast by its delegate holding office that day, or by the delegate of another member organisation
holding its written proxy. In the board meeting every board member holding office that day votes.
Which offices a person holds comes from members.bylaws; a term that ended, an account that was
closed or an organisation that is no longer a member takes the vote with it.
"""

import datetime
from dataclasses import dataclass

import rules
from django.db.models import QuerySet
from django.utils import timezone

from assemblies.models import Meeting, Proxy, Resolution
from kernel.viewer import register_fact, viewer
from members import bylaws
from members.models import Mandate, Organisation, Role, User
from members.roles import BOARD_ROLES


def delegate_offices(on: datetime.date | None = None) -> QuerySet[Mandate]:
    """The delegate offices that carry a vote on ``on`` (default today): a member organisation's, held by an
    active account. The only spelling of "current delegates of active organisations"."""
    return Mandate.objects.voting_delegates(on)


def voting_delegates(on: datetime.date | None = None) -> QuerySet[User]:
    """The people casting a member organisation's vote on ``on`` as its delegate."""
    return User.objects.filter(pk__in=delegate_offices(on).values("person_id"))


def entitled_organisations() -> QuerySet[Organisation]:
    """Every member organisation has one vote."""
    return Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name")


def board_members(on: datetime.date | None = None) -> QuerySet[User]:
    """In the board meeting each board member holding office that day votes."""
    ids = Mandate.objects.active(on).filter(role__in=BOARD_ROLES).values("person_id")
    return User.objects.filter(pk__in=ids, is_active=True).order_by("last_name", "first_name")


def entitled_count(*, meeting: Meeting | None) -> int:
    if meeting is not None and meeting.is_board_meeting:
        return board_members().count()
    return entitled_organisations().count()


def _delegated(person, on: datetime.date) -> frozenset[int]:
    return frozenset(delegate_offices(on).filter(person=person).values_list("organisation_id", flat=True))


register_fact("delegated_organisation_ids", compute=_delegated, default=timezone.localdate)


def delegated_organisation_ids(user, on: datetime.date | None = None) -> frozenset[int]:
    """Organisations whose vote ``user`` casts as their delegate on ``on`` (default today), read once per person."""
    if Role.DELEGATE not in bylaws.roles_of(user, on):
        return frozenset()
    return viewer(user).get("delegated_organisation_ids", on)


@rules.predicate  # also a django-rules predicate (assemblies.permissions combines it)
def is_delegate(user) -> bool:
    return bool(delegated_organisation_ids(user))


def is_voting_board_member(user, on: datetime.date | None = None) -> bool:
    return bool(bylaws.roles_of(user, on) & BOARD_ROLES)


def held_proxies(*, holder, meetings) -> QuerySet[Proxy]:
    """The proxies ``holder`` holds in ``meetings`` that still carry a vote (the granting organisation is a member).

    Only a delegate holds a proxy's vote: callers ask ``delegated_organisation_ids`` first."""
    return Proxy.objects.in_force().filter(
        holder=holder, meeting__in=meetings, organisation__status=Organisation.Status.ACTIVE
    )


@dataclass(frozen=True)
class VotingRight:
    """One vote ``person`` may cast in a resolution: for an organisation (own or by proxy) or as board member."""

    organisation: Organisation | None = None
    proxy: Proxy | None = None
    member: User | None = None

    @property
    def key(self) -> str:
        return f"o{self.organisation.pk}" if self.organisation else f"m{self.member.pk}"


def _voted_online(resolution: Resolution) -> bool:
    return resolution.meeting_id is not None and resolution.procedure == Resolution.Procedure.ONLINE


def entitled_rights(resolution: Resolution, person) -> list[VotingRight]:
    """The votes ``person`` holds in ``resolution`` today, cast or not. Asks nothing about other people's votes."""
    if not _voted_online(resolution):
        return []
    meeting = resolution.meeting
    if meeting.is_board_meeting:
        return [VotingRight(member=person)] if is_voting_board_member(person) else []
    own = delegated_organisation_ids(person)
    if not own:
        # Only a delegate holding office today votes, for their organisation or by proxy.
        return []
    # An organisation that handed its vote for this meeting to another delegate (a written proxy in force) votes
    # through the holder only; withdrawing the proxy (it is deleted) gives the vote back.
    handed_over = Proxy.objects.in_force().filter(meeting=meeting, organisation__in=own).values("organisation_id")
    kept = Organisation.objects.filter(pk__in=own).exclude(pk__in=handed_over)
    rights = [VotingRight(organisation=organisation) for organisation in kept]
    proxies = held_proxies(holder=person, meetings=[meeting]).select_related("organisation")
    rights += [VotingRight(organisation=proxy.organisation, proxy=proxy) for proxy in proxies]
    return sorted(rights, key=lambda right: right.organisation.name)


def not_yet_cast(resolution: Resolution, rights: list[VotingRight]) -> list[VotingRight]:
    """Of ``rights`` (all of them the asker's own), those not used yet: only then are votes looked up."""
    if not rights:
        return []
    members = [right.member.pk for right in rights if right.member]
    organisations = [right.organisation.pk for right in rights if right.organisation]
    voted_members = set(resolution.votes.filter(member__in=members).values_list("member_id", flat=True))
    voted = set(resolution.votes.filter(organisation__in=organisations).values_list("organisation_id", flat=True))
    return [
        right
        for right in rights
        if (right.member and right.member.pk not in voted_members)
        or (right.organisation and right.organisation.pk not in voted)
    ]


def voting_rights(*, resolution: Resolution, person) -> list[VotingRight]:
    """The votes ``person`` may cast online in ``resolution`` today and has not cast yet."""
    return not_yet_cast(resolution, entitled_rights(resolution, person))


def room_rights(*, meeting: Meeting, taking_part: dict) -> dict[str, VotingRight]:
    """Of those taking part in ``meeting`` (present, or represented by a proxy holder present), the votes that
    may be recorded in the room: a member organisation's, or a board member's holding office today."""
    if meeting.is_board_meeting:
        board = set(board_members().values_list("pk", flat=True))
        rights = [VotingRight(member=member) for member in taking_part["present"] if member.pk in board]
    else:
        members = set(entitled_organisations().values_list("pk", flat=True))
        rights = [
            VotingRight(organisation=organisation)
            for organisation in taking_part["present"]
            if organisation.pk in members
        ] + [
            VotingRight(organisation=proxy.organisation, proxy=proxy)
            for proxy in taking_part["represented"]
            if proxy.organisation_id in members
        ]
    # An organisation both present and represented by a proxy keeps the proxy's right (the later one wins).
    return {right.key: right for right in rights}


# --- Everyone at once: the queryset twins of ``entitled_rights`` ------------------------------------------


def voters(*, resolution: Resolution) -> QuerySet[User]:
    """Everyone who holds a vote online in ``resolution`` today."""
    if not _voted_online(resolution):
        return User.objects.none()
    if resolution.meeting.is_board_meeting:
        return board_members()
    return voting_delegates()


def vote_keys(*, resolution: Resolution) -> dict[int, frozenset[str]]:
    """Each voter's votes in ``resolution`` today by key ("o<organisation>", "m<person>"), in two queries."""
    if not _voted_online(resolution):
        return {}
    if resolution.meeting.is_board_meeting:
        return {pk: frozenset({f"m{pk}"}) for pk in board_members().values_list("pk", flat=True)}
    keys: dict[int, set[str]] = {}
    for person_id, organisation_id in delegate_offices().values_list("person_id", "organisation_id"):
        keys.setdefault(person_id, set()).add(f"o{organisation_id}")
    proxies = (
        Proxy.objects.in_force()
        .filter(
            meeting=resolution.meeting_id,
            organisation__status=Organisation.Status.ACTIVE,
            holder__in=voting_delegates(),
        )
        .values_list("holder_id", "organisation_id")
    )
    for holder_id, organisation_id in proxies:
        keys[holder_id].add(f"o{organisation_id}")
    return {pk: frozenset(found) for pk, found in keys.items()}


def proxy_organisations(user) -> QuerySet[Organisation]:
    """The organisations whose proxy ``user`` may record: any member organisation for the secretariat (proxies
    handed in on paper), their own delegated organisations for a delegate (also the rows of the form's search)."""
    if bylaws.is_secretariat(user):
        return entitled_organisations()
    return Organisation.objects.filter(pk__in=delegated_organisation_ids(user))
