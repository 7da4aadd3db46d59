"""Reads for meetings and resolutions. Each takes the acting user; lists use a fixed number of queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from assemblies import services, voting_rights
from assemblies.models import Meeting, Resolution, Vote
from assemblies.policies import visible_meetings
from members import bylaws
from topics.models import Document
from topics.policies.documents import visible_documents


def meetings_for(*, user):
    return (
        Meeting.objects.filter(visible_meetings.q(user))
        .select_related("event")
        .annotate(resolution_count=Count("resolutions"))
        .order_by("-event__start")
    )


def resolutions_without_meeting(*, user):
    if not bylaws.has_member_access(user):
        return Resolution.objects.none()
    return (
        Resolution.objects.filter(procedure=Resolution.Procedure.WITHOUT_MEETING)
        .annotate(consent_count=Count("consents"))
        .order_by("-closes_at")
    )


def open_ballots_for(*, user) -> list[Resolution]:
    """Online ballots open now in which ``user`` still has a vote to cast (a fixed number of queries)."""
    now = timezone.now()
    own = voting_rights.delegated_organisation_ids(user)
    board = voting_rights.is_voting_board_member(user)
    if not own and not board:
        return []
    bodies = ([Meeting.Body.MEMBERS] if own else []) + ([Meeting.Body.BOARD] if board else [])
    ballots = list(
        Resolution.objects.filter(
            procedure=Resolution.Procedure.ONLINE,
            closed_at__isnull=True,
            opens_at__lte=now,
            closes_at__gt=now,
            meeting__body__in=bodies,
        )
        .select_related("meeting")
        .order_by("closes_at")
    )
    if not ballots:
        return []
    proxies: dict[int, set[int]] = {}
    held = voting_rights.held_proxies(holder=user, meetings={b.meeting_id for b in ballots})
    for meeting_id, organisation_id in held.values_list("meeting_id", "organisation_id"):
        proxies.setdefault(meeting_id, set()).add(organisation_id)
    cast = set(
        Vote.objects.filter(resolution__in=ballots)
        .filter(Q(member=user) | Q(organisation__in=own | {o for s in proxies.values() for o in s}))
        .values_list("resolution_id", "organisation_id", "member_id")
    )
    open_ballots = []
    for ballot in ballots:
        if ballot.meeting.is_board_meeting:
            pending = (ballot.pk, None, user.pk) not in cast
        else:
            voters = own | proxies.get(ballot.meeting_id, set()) if own else set()
            pending = any((ballot.pk, organisation, None) not in cast for organisation in voters)
        if pending:
            open_ballots.append(ballot)
    return open_ballots


def meeting_detail(*, user, meeting: Meeting) -> dict:
    documents = Document.objects.filter(pk__in=Document.objects.filter(visible_documents.q(user)).values("pk"))
    # Through the meeting's own manager, so each item knows its meeting; with its announcement (is_resolvable).
    agenda = meeting.agenda_items.select_related("announced_in").prefetch_related(
        Prefetch("documents", queryset=documents.order_by("title")),
        Prefetch("resolutions", queryset=Resolution.objects.select_related("elected")),
    )
    return {
        "agenda": agenda,
        "loose_resolutions": Resolution.objects.filter(meeting=meeting, agenda_item__isnull=True),
        "taking_part": services.represented_in_meeting(meeting=meeting),
        # ``used``: a vote was cast with it, so its holder can no longer decline it.
        "proxies": meeting.proxies.select_related("organisation", "holder", "holder__organisation").annotate(
            used=Exists(Vote.objects.filter(proxy=OuterRef("pk")))
        ),
    }


def minutes(*, meeting: Meeting) -> dict:
    taking_part = services.represented_in_meeting(meeting=meeting)
    return {
        "taking_part": taking_part,
        "entitled": voting_rights.entitled_count(meeting=meeting),
        "resolutions": Resolution.objects.filter(meeting=meeting)
        .select_related("agenda_item", "elected")
        .order_by("agenda_item__number", "pk"),
    }


def resolution_votes(*, resolution: Resolution):
    """The roll of who voted; how only for open votes (a secret ballot never stores it)."""
    return resolution.votes.select_related(
        "organisation", "member", "cast_by", "proxy__holder", "candidate__person"
    ).order_by("organisation__name", "member__last_name", "member__first_name")
