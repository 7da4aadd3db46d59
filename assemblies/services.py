"""Changes to meetings and resolutions: invitation, proxies, attendance, votes, consents, results, minutes.

Who may vote comes from members.bylaws (offices held that day); the rules of the vote live
here: one vote per member organisation (a unique constraint, and a row lock on the
resolution so concurrent votes queue up), the voting window, the proxy limit, the
quorum and the required majority. A result is computed once, frozen with its tally and
never recomputed.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from assemblies.models import (
    Attendance,
    BallotCount,
    Candidate,
    Choice,
    Consent,
    Meeting,
    Proxy,
    Resolution,
    Vote,
)
from assemblies.voting_rights import (
    VotingRight,
    board_members,
    delegate_offices,
    delegated_organisation_ids,
    entitled_count,
    entitled_organisations,
    entitled_rights,
    not_yet_cast,
    room_rights,
    voting_rights,  # noqa: F401 (asked as services.voting_rights)
)
from defus.lib.parse import whole_number
from defus.lib.tasks import enqueue
from members import audit, bylaws
from members.models import Mandate, Organisation

# --- Invitation ----------------------------------------------------------------------------


def invitation_deadline(*, meeting: Meeting) -> datetime.datetime:
    """The last instant the invitation may go out: the notice period before the meeting starts."""
    return meeting.event.start - datetime.timedelta(weeks=settings.ASSEMBLY_NOTICE_WEEKS)


@transaction.atomic
def meeting_invite(*, meeting: Meeting, actor, now: datetime.datetime | None = None) -> Meeting:
    """Send the invitation with the agenda (text form, by email); refused with the reason when too late."""
    now = now or timezone.now()
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    if locked.invitation_sent_at is not None:
        raise ValidationError(_("The invitation has already been sent."))
    if not locked.agenda_items.exists():
        raise ValidationError(_("The invitation needs an agenda: add the agenda items first."))
    if locked.event.start <= now:
        raise ValidationError(_("The meeting has already begun."))
    deadline = invitation_deadline(meeting=locked)
    if not locked.is_board_meeting and now > deadline:
        raise ValidationError(
            _(
                "Too late to invite: the bylaws require the invitation with the agenda at least %(weeks)s weeks "
                "before the meeting, that is by %(deadline)s. Set a later date for the meeting."
            )
            % {
                "weeks": settings.ASSEMBLY_NOTICE_WEEKS,
                "deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
            }
        )
    locked.invitation_sent_at = now
    locked.convened_by = actor
    locked.save(update_fields=["invitation_sent_at", "convened_by"])
    from assemblies.tasks import send_meeting_invitation

    for email, language in invitation_recipients(meeting=locked):
        enqueue(send_meeting_invitation, locked.pk, email, language)
    return locked


def invitation_recipients(*, meeting: Meeting) -> list[tuple[str, str]]:
    """(email, language) of everyone invited: each member organisation's delegate and contact address,
    or for a board meeting the board members."""
    recipients: dict[str, str] = {}
    if meeting.is_board_meeting:
        for person in board_members():
            recipients.setdefault(person.email.lower(), person.language)
        return sorted(recipients.items())
    delegates = delegate_offices().select_related("person")
    for mandate in delegates:
        recipients.setdefault(mandate.person.email.lower(), mandate.person.language)
    for email in entitled_organisations().exclude(email="").values_list("email", flat=True):
        recipients.setdefault(email.lower(), settings.LANGUAGE_CODE)
    return sorted(recipients.items())


# --- Proxies and attendance ------------------------------------------------------------------


@transaction.atomic
def proxy_grant(
    *, meeting: Meeting, organisation: Organisation, holder, recorded_by, signed_by: str = "", at=None
) -> Proxy:
    """Record a member organisation's written proxy for another organisation's delegate.

    A delegate holds at most ASSEMBLY_PROXIES_PER_DELEGATE proxies per meeting; the meeting row
    is locked while counting, so two proxies granted at once cannot both take the last place.
    ``at`` (default now) is when the proxy was handed in; after the meeting none is taken.
    The granting organisation's delegate declares it in the portal (text form); anyone else
    (the secretariat) records a proxy handed in on paper and names who signed it for that
    organisation. Every proxy is in the audit log.
    """
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    if locked.is_board_meeting:
        raise ValidationError(_("Board members vote in person; there are no proxies in the board meeting."))
    if not locked.takes_proxies(at):
        raise ValidationError(_("The meeting is over: proxies can no longer be recorded."))
    if organisation is None or organisation.status != Organisation.Status.ACTIVE:
        raise ValidationError(_("Only a member organisation can grant a proxy."))
    on_paper = organisation.pk not in delegated_organisation_ids(recorded_by)
    signed_by = " ".join(signed_by.split())
    if on_paper and not bylaws.is_secretariat(recorded_by):
        raise ValidationError(_("Only the organisation's delegate grants its proxy."))
    if on_paper and not signed_by:
        raise ValidationError(
            _("A proxy on paper names who signed it for %(organisation)s.") % {"organisation": organisation.name}
        )
    holder_organisations = delegated_organisation_ids(holder)
    if not holder_organisations:
        raise ValidationError(_("A proxy can only be held by the delegate of another member organisation."))
    if organisation.pk in holder_organisations:
        raise ValidationError(_("A delegate already casts the vote of their own organisation."))
    if Proxy.objects.filter(meeting=locked, organisation=organisation).exists():
        raise ValidationError(_("This organisation has already granted a proxy for this meeting."))
    limit = settings.ASSEMBLY_PROXIES_PER_DELEGATE
    if Proxy.objects.filter(meeting=locked, holder=holder).count() >= limit:
        raise ValidationError(
            _("%(person)s already holds %(limit)s proxies for this meeting, the most the bylaws allow.")
            % {"person": holder, "limit": limit}
        )
    try:
        with transaction.atomic():
            proxy = Proxy.objects.create(
                meeting=locked,
                organisation=organisation,
                holder=holder,
                recorded_by=recorded_by,
                signed_by=signed_by if on_paper else "",
            )
    except IntegrityError:
        raise ValidationError(_("This organisation has already granted a proxy for this meeting.")) from None
    audit.record(
        actor=recorded_by,
        action="proxy.recorded_on_paper" if on_paper else "proxy.granted",
        target=proxy,
        after=_proxy_snapshot(proxy),
    )
    return proxy


def _proxy_snapshot(proxy: Proxy) -> dict:
    return {
        "meeting": str(proxy.meeting),
        "organisation": proxy.organisation.name,
        "holder": str(proxy.holder),
        "signed_by": proxy.signed_by,
    }


def may_withdraw_proxy(*, proxy: Proxy, person, voting_started: bool | None = None) -> str | None:
    """How ``person`` may give up ``proxy`` before voting starts: "decline" (its holder), "revoke" (the
    delegate of the organisation that gave it), or None. ``voting_started`` saves asking for each proxy."""
    if voting_started is None:
        voting_started = proxy.meeting.voting_started()
    if voting_started:
        return None
    if person.pk == proxy.holder_id:
        return "decline"
    if proxy.organisation_id in delegated_organisation_ids(person):
        return "revoke"
    return None


@transaction.atomic
def proxy_withdraw(*, proxy: Proxy, person) -> str:
    """The holder declines the proxy, or the granting organisation's delegate revokes it, until voting starts.

    The organisation's vote is then its own again (it may give a new proxy). Returns "decline" or "revoke".
    """
    Meeting.objects.select_for_update(of=("self",)).get(pk=proxy.meeting_id)
    locked = Proxy.objects.select_related("meeting__event", "organisation", "holder").filter(pk=proxy.pk).first()
    if locked is None:
        raise ValidationError(_("This proxy no longer exists."))
    how = may_withdraw_proxy(proxy=locked, person=person)
    if how is None:
        if locked.meeting.voting_started():
            raise ValidationError(_("Voting has started: the proxy stands."))
        raise ValidationError(_("Only the holder or the delegate of the granting organisation can withdraw a proxy."))
    audit.record(
        actor=person,
        action="proxy.declined" if how == "decline" else "proxy.revoked",
        target=locked,
        before=_proxy_snapshot(locked),
    )
    locked.delete()
    return how


@transaction.atomic
def attendance_record(*, meeting: Meeting, organisation_ids=(), member_ids=()) -> None:
    """The secretariat's attendance list: exactly the organisations (or board members) ticked."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_signed:
        raise ValidationError(_("The minutes are signed; the attendance can no longer change."))
    if locked.is_board_meeting:
        allowed = set(board_members().values_list("pk", flat=True))
        wanted = {pk for pk in member_ids if pk in allowed}
        locked.attendance.exclude(member_id__in=wanted).delete()
        for pk in wanted:
            Attendance.objects.get_or_create(meeting=locked, member_id=pk)
        return
    allowed = set(entitled_organisations().values_list("pk", flat=True))
    wanted = {pk for pk in organisation_ids if pk in allowed}
    locked.attendance.exclude(organisation_id__in=wanted).delete()
    for pk in wanted:
        Attendance.objects.get_or_create(meeting=locked, organisation_id=pk)


def represented_in_meeting(*, meeting: Meeting) -> dict:
    """Who took part in the room: organisations present, and those represented by a proxy holder present."""
    if meeting.is_board_meeting:
        members = [row.member for row in meeting.attendance.select_related("member")]
        return {"present": members, "represented": [], "voter_ids": {f"m{m.pk}" for m in members}}
    present = [row.organisation for row in meeting.attendance.select_related("organisation")]
    present_ids = {organisation.pk for organisation in present}
    represented = [
        proxy
        for proxy in meeting.proxies.select_related("organisation", "holder__organisation")
        if proxy.organisation_id not in present_ids and proxy.holder.organisation_id in present_ids
    ]
    voter_ids = {f"o{pk}" for pk in present_ids} | {f"o{proxy.organisation_id}" for proxy in represented}
    return {"present": present, "represented": represented, "voter_ids": voter_ids}


# --- Votes -------------------------------------------------------------------------------------


def _choice_key(resolution: Resolution, choice: str) -> tuple[str, Candidate | None]:
    """Validate a ballot choice: yes/no/abstain, or for an election a candidate, no or abstain."""
    if resolution.is_election:
        if choice in {Choice.NO, Choice.ABSTAIN}:
            return choice, None
        number = whole_number(choice.removeprefix("candidate-"))
        if choice.startswith("candidate-") and number is not None:
            candidate = resolution.candidates.filter(pk=number).first()
            if candidate is not None:
                return Choice.YES, candidate
        raise ValidationError(_("Please choose a candidate, vote no or abstain."))
    if choice in Choice.values:
        return choice, None
    raise ValidationError(_("Please choose yes, no or abstention."))


def _store_vote(*, resolution, right: VotingRight, cast_by, choice: str, candidate, in_meeting: bool) -> Vote:
    secret = resolution.is_secret
    try:
        # A savepoint: if the database refuses the second vote of an organisation, nothing else is written.
        with transaction.atomic():
            vote = Vote.objects.create(
                resolution=resolution,
                organisation=right.organisation,
                member=right.member,
                cast_by=cast_by,
                proxy=right.proxy,
                recorded_in_meeting=in_meeting,
                choice="" if secret else choice,
                candidate=None if secret else candidate,
            )
    except IntegrityError:
        raise ValidationError(_("This vote has already been cast.")) from None
    if secret:
        _count_secretly(resolution, f"candidate-{candidate.pk}" if candidate else choice, 1)
    return vote


def _count_secretly(resolution, key: str, number: int) -> None:
    count, _created = BallotCount.objects.get_or_create(resolution=resolution, key=key)
    BallotCount.objects.filter(pk=count.pk).update(count=F("count") + number)


@transaction.atomic
def vote_cast(*, resolution: Resolution, person, choice: str, organisation: Organisation | None = None) -> Vote:
    """A delegate (or proxy holder, or board member) votes online within the window.

    The resolution row is locked for the rest of the transaction, so two votes for the same
    organisation arriving at once are taken one after the other: the second finds the first
    and is refused. The unique constraint is the last line of defence.
    """
    locked = Resolution.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=resolution.pk)
    if locked.procedure != Resolution.Procedure.ONLINE:
        raise ValidationError(_("This resolution is not voted online."))
    if not locked.window_is_open():
        raise ValidationError(_("Voting is not open: it runs from %(opens)s until %(closes)s.") % _window(locked))
    choice, candidate = _choice_key(locked, choice)
    # The right to vote first: only someone who holds this vote learns whether it has been cast.
    entitled = entitled_rights(locked, person)
    if organisation is not None:
        entitled = [right for right in entitled if right.organisation and right.organisation.pk == organisation.pk]
    if not entitled:
        raise ValidationError(_("You have no vote to cast in this resolution."))
    rights = not_yet_cast(locked, entitled)
    if not rights:
        if organisation is not None:
            raise ValidationError(
                _("The vote of %(organisation)s has already been cast.") % {"organisation": organisation}
            )
        raise ValidationError(_("This vote has already been cast."))
    return _store_vote(
        resolution=locked, right=rights[0], cast_by=person, choice=choice, candidate=candidate, in_meeting=False
    )


def _window(resolution) -> dict:
    return {
        "opens": formats.date_format(timezone.localtime(resolution.opens_at), "DATETIME_FORMAT"),
        "closes": formats.date_format(timezone.localtime(resolution.closes_at), "DATETIME_FORMAT"),
    }


def room_voting_rights(locked: Resolution) -> dict[str, VotingRight]:
    """The votes the secretariat may record in the room, by key: those present or represented who vote today."""
    return room_rights(meeting=locked.meeting, taking_part=represented_in_meeting(meeting=locked.meeting))


def _lock_for_recording(resolution: Resolution) -> Resolution:
    locked = Resolution.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=resolution.pk)
    if locked.procedure != Resolution.Procedure.IN_MEETING:
        raise ValidationError(_("Only votes taken in the meeting are recorded by the secretariat."))
    if locked.is_frozen:
        raise ValidationError(_("The result has been frozen; no more votes can be recorded."))
    if locked.votes.exists():
        raise ValidationError(_("The votes of this resolution have already been recorded."))
    return locked


@transaction.atomic
def votes_record(*, resolution: Resolution, recorded_by, votes: dict[str, str]) -> int:
    """The secretariat records the vote of each organisation (or board member) present, by name.

    ``votes`` maps a voter key ("o<organisation id>" or "m<person id>") to a choice. Any
    invalid entry refuses the whole list: nothing is written.
    """
    locked = _lock_for_recording(resolution)
    if locked.is_secret:
        raise ValidationError(_("A secret ballot is recorded as totals, not by name."))
    rights = room_voting_rights(locked)
    if not votes:
        raise ValidationError(_("No votes were entered."))
    for key, choice in votes.items():
        if key not in rights:
            raise ValidationError(_("Only organisations present or represented at the meeting can vote."))
        choice, candidate = _choice_key(locked, choice)
        _store_vote(
            resolution=locked,
            right=rights[key],
            cast_by=recorded_by,
            choice=choice,
            candidate=candidate,
            in_meeting=True,
        )
    return len(votes)


@transaction.atomic
def secret_ballot_record(*, resolution: Resolution, recorded_by, voters: list[str], counts: dict[str, int]) -> int:
    """A secret ballot in the room: who handed in a ballot paper, and the counted totals (never who voted how)."""
    locked = _lock_for_recording(resolution)
    if not locked.is_secret:
        raise ValidationError(_("An open vote is recorded by name."))
    rights = room_voting_rights(locked)
    if not voters or any(key not in rights for key in voters):
        raise ValidationError(_("Only organisations present or represented at the meeting can vote."))
    if any(number < 0 for number in counts.values()) or sum(counts.values()) != len(set(voters)):
        raise ValidationError(
            _("The totals (%(total)s) must match the number of ballot papers handed in (%(voters)s).")
            % {"total": sum(counts.values()), "voters": len(set(voters))}
        )
    for key in counts:
        _choice_key(locked, key)
    for key in set(voters):
        Vote.objects.create(
            resolution=locked,
            organisation=rights[key].organisation,
            member=rights[key].member,
            proxy=rights[key].proxy,
            cast_by=recorded_by,
            recorded_in_meeting=True,
        )
    for key, number in counts.items():
        if number:
            _count_secretly(locked, key, number)
    return len(set(voters))


# --- Resolution without a meeting (§ 32 Abs. 3 BGB) ----------------------------------------------


@transaction.atomic
def consent_declare(*, resolution: Resolution, person, agrees: bool, statement: str) -> Consent:
    """A member organisation's delegate declares consent (or refusal) in text form; given once."""
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if locked.procedure != Resolution.Procedure.WITHOUT_MEETING:
        raise ValidationError(_("This resolution is taken in a meeting."))
    if not locked.window_is_open():
        raise ValidationError(_("Declarations are accepted from %(opens)s until %(closes)s.") % _window(locked))
    organisations = delegated_organisation_ids(person)
    if not organisations:
        raise ValidationError(_("Only the delegate of a member organisation declares its consent."))
    pending = [pk for pk in sorted(organisations) if not locked.consents.filter(organisation_id=pk).exists()]
    if not pending:
        raise ValidationError(_("Your organisation has already declared its position."))
    statement = statement.strip()
    if not statement:
        raise ValidationError(_("Please write your declaration (text form)."))
    return Consent.objects.create(
        resolution=locked, organisation_id=pending[0], agrees=agrees, declared_by=person, statement=statement[:500]
    )


# --- Results ------------------------------------------------------------------------------------------


def decide(*, majority: str, yes: int, no: int, entitled: int, participating: int, quorum_percent: int) -> str:
    """The outcome by the bylaws. Abstentions are not votes cast: they count for the quorum only."""
    if entitled == 0 or participating * 100 < quorum_percent * entitled:
        return Resolution.Outcome.NOT_QUORATE
    if majority == Resolution.Majority.ALL_MEMBERS:
        adopted = yes == entitled
    elif majority == Resolution.Majority.THREE_QUARTERS:
        adopted = yes > 0 and yes * 4 >= (yes + no) * 3
    else:
        adopted = yes > no
    return Resolution.Outcome.ADOPTED if adopted else Resolution.Outcome.REJECTED


def _counts(resolution: Resolution) -> dict[str, int]:
    if resolution.is_secret:
        return dict(resolution.ballot_counts.values_list("key", "count"))
    counts: dict[str, int] = {}
    for choice, candidate_id in resolution.votes.values_list("choice", "candidate_id"):
        key = f"candidate-{candidate_id}" if candidate_id else choice
        counts[key] = counts.get(key, 0) + 1
    return counts


def _participating(resolution: Resolution) -> int:
    if resolution.procedure == Resolution.Procedure.IN_MEETING:
        return len(represented_in_meeting(meeting=resolution.meeting)["voter_ids"])
    return resolution.votes.count()


@transaction.atomic
def resolution_close(*, resolution: Resolution, actor=None, now: datetime.datetime | None = None) -> Resolution:
    """Count, decide and freeze. Runs once: a frozen result is returned unchanged."""
    now = now or timezone.now()
    locked = Resolution.objects.select_for_update(of=("self",)).select_related("meeting__event").get(pk=resolution.pk)
    if locked.is_frozen:
        return locked
    procedure = locked.procedure
    if procedure == Resolution.Procedure.ONLINE and now < locked.closes_at:
        raise ValidationError(
            _("Online voting runs until %(closes)s; the result is counted after that.") % _window(locked)
        )
    if procedure == Resolution.Procedure.IN_MEETING and not locked.votes.exists():
        raise ValidationError(_("Record the votes before closing."))
    entitled = entitled_count(meeting=locked.meeting)
    if procedure == Resolution.Procedure.WITHOUT_MEETING:
        tally, outcome = _close_without_meeting(locked, now=now)
    else:
        tally, outcome = _close_vote(locked, entitled=entitled)
    locked.tally = tally
    locked.outcome = outcome
    locked.closed_at = now
    locked.save(update_fields=["tally", "outcome", "closed_at", "elected"])
    if outcome == Resolution.Outcome.ADOPTED:
        if locked.is_election and locked.elected_id:
            _take_office(locked, actor=actor)
        if locked.position_paper_id:
            _publish_position_paper(locked)
    return locked


def _close_vote(locked: Resolution, *, entitled: int) -> tuple[dict, str]:
    counts = _counts(locked)
    participating = _participating(locked)
    quorum_percent = locked.meeting.quorum_percent
    tally = {
        "entitled": entitled,
        "participating": participating,
        "quorum_percent": quorum_percent,
        "voters": locked.votes.count(),
        "yes": counts.get(Choice.YES, 0),
        "no": counts.get(Choice.NO, 0),
        "abstain": counts.get(Choice.ABSTAIN, 0),
    }
    if not locked.is_election:
        outcome = decide(
            majority=locked.majority,
            yes=tally["yes"],
            no=tally["no"],
            entitled=entitled,
            participating=participating,
            quorum_percent=quorum_percent,
        )
        return tally, outcome
    # An election: elected is whoever has more than half of the votes cast (abstentions not counted).
    candidates = [
        {"person_id": c.person_id, "name": str(c.person), "votes": counts.get(f"candidate-{c.pk}", 0)}
        for c in locked.candidates.select_related("person")
    ]
    tally["candidates"] = sorted(candidates, key=lambda c: -c["votes"])
    cast = sum(c["votes"] for c in candidates) + tally["no"]
    winner = tally["candidates"][0] if tally["candidates"] else None
    if (
        decide(
            majority=Resolution.Majority.SIMPLE,
            yes=winner["votes"] if winner else 0,
            no=cast - (winner["votes"] if winner else 0),
            entitled=entitled,
            participating=participating,
            quorum_percent=quorum_percent,
        )
        == Resolution.Outcome.NOT_QUORATE
    ):
        return tally, Resolution.Outcome.NOT_QUORATE
    if winner and winner["votes"] * 2 > cast:
        locked.elected_id = winner["person_id"]
        return tally, Resolution.Outcome.ADOPTED
    return tally, Resolution.Outcome.REJECTED


def _close_without_meeting(locked: Resolution, *, now) -> tuple[dict, str]:
    """Valid only if every member organisation consented in text form (§ 32 Abs. 3 BGB)."""
    entitled = set(entitled_organisations().values_list("pk", flat=True))
    consents = {row.organisation_id: row.agrees for row in locked.consents.all()}
    refused = any(agrees is False for pk, agrees in consents.items() if pk in entitled)
    all_agreed = all(consents.get(pk) is True for pk in entitled) and bool(entitled)
    if now < locked.closes_at and not (refused or all_agreed):
        raise ValidationError(
            _("Declarations are still open until %(closes)s and some member organisations have not declared.")
            % _window(locked)
        )
    tally = {
        "entitled": len(entitled),
        "yes": sum(1 for pk in entitled if consents.get(pk) is True),
        "no": sum(1 for pk in entitled if consents.get(pk) is False),
        "missing": sum(1 for pk in entitled if pk not in consents),
    }
    return tally, Resolution.Outcome.ADOPTED if all_agreed else Resolution.Outcome.REJECTED


def _take_office(locked: Resolution, *, actor) -> None:
    """The elected person takes up the office through the members' service, so the bylaws' checks apply."""
    from members.services import mandate_save

    meeting = locked.meeting
    mandate = Mandate(
        role=locked.office,
        person_id=locked.elected_id,
        start=locked.term_start,
        end=locked.term_end,
        elected_at=f"{meeting.title}, {formats.date_format(timezone.localtime(meeting.event.start), 'DATE_FORMAT')}",
    )
    try:
        with transaction.atomic():
            mandate_save(mandate=mandate, actor=actor, by_election=True)
    except ValidationError as error:
        # The result stands; the office waits for the secretariat to resolve the conflict.
        locked.office_note = (_("The office could not be created: %(reason)s") % {"reason": " ".join(error.messages)})[
            :500
        ]
        locked.save(update_fields=["office_note"])


def _publish_position_paper(locked: Resolution) -> None:
    """Speaking with one voice: the adopted paper becomes public in the library, naming its resolution."""
    from topics.models import Document

    # Written once into the document, so in the association's language, whoever closes the vote.
    with translation.override(settings.LANGUAGE_CODE):
        _publish_note(locked, Document)


def _publish_note(locked: Resolution, Document) -> None:
    when = formats.date_format(timezone.localtime(locked.closed_at), "DATE_FORMAT")
    note = _("Adopted by resolution “%(title)s” on %(date)s.") % {"title": locked.title, "date": when}
    document = Document.objects.get(pk=locked.position_paper_id)
    document.label = Document.Label.PUBLIC
    if note not in document.description:
        document.description = f"{note}\n\n{document.description}".strip()
    document.save(update_fields=["label", "description"])


def close_due_ballots(*, now: datetime.datetime | None = None) -> int:
    """Freeze every online ballot and consent round whose window has ended (beat task)."""
    now = now or timezone.now()
    due = Resolution.objects.filter(
        closed_at__isnull=True,
        procedure__in=[Resolution.Procedure.ONLINE, Resolution.Procedure.WITHOUT_MEETING],
        closes_at__lte=now,
    ).values_list("pk", flat=True)
    closed = 0
    for pk in list(due):
        resolution_close(resolution=Resolution(pk=pk), now=now)
        closed += 1
    return closed


# --- Minutes ------------------------------------------------------------------------------------------


@transaction.atomic
def minutes_sign(*, meeting: Meeting, person) -> Meeting:
    """The chair and the minute-taker sign the minutes once every resolution's result is frozen."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.resolutions.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("Every resolution needs its result before the minutes are signed."))
    now = timezone.now()
    signed = []
    if locked.chair_id == person.pk and locked.chair_signed_at is None:
        locked.chair_signed_at = now
        signed.append("chair_signed_at")
    if locked.minute_taker_id == person.pk and locked.minute_taker_signed_at is None:
        locked.minute_taker_signed_at = now
        signed.append("minute_taker_signed_at")
    if not signed:
        raise ValidationError(_("Only the chair and the minute-taker sign the minutes, each once."))
    locked.save(update_fields=signed)
    return locked
