"""Votes: cast online within the window, or recorded by the secretariat in the room (by name or as secret totals).

One vote per member organisation: a unique constraint, and a row lock on the resolution so concurrent
votes queue up. Who holds which vote comes from assemblies.voting_rights.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assemblies.models import BallotCount, Candidate, Choice, Resolution, Vote
from assemblies.services.meetings import represented_in_meeting
from assemblies.voting_rights import VotingRight, entitled_rights, not_yet_cast, room_rights
from kernel.parse import whole_number
from kernel.tasks import enqueue
from members.models import Organisation

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
    locked = _lock(resolution)
    if locked.procedure != Resolution.Procedure.ONLINE:
        raise ValidationError(_("This resolution is not voted online."))
    refuse_unannounced(locked)
    if not locked.window_is_open():
        raise ValidationError(_("Voting is not open: it runs from %(opens)s until %(closes)s.") % window(locked))
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
    vote = _store_vote(
        resolution=locked, right=rights[0], cast_by=person, choice=choice, candidate=candidate, in_meeting=False
    )
    # After the commit, a receipt only for a kept vote: to the voter and to the organisation's own address.
    enqueue("assemblies.tasks.send_vote_receipt", vote.pk)
    enqueue("assemblies.tasks.send_vote_receipt", vote.pk, to_organisation=True)
    return vote


def window(resolution) -> dict:
    return {
        "opens": formats.date_format(timezone.localtime(resolution.opens_at), "DATETIME_FORMAT"),
        "closes": formats.date_format(timezone.localtime(resolution.closes_at), "DATETIME_FORMAT"),
    }


def room_voting_rights(locked: Resolution) -> dict[str, VotingRight]:
    """The votes the secretariat may record in the room, by key: those present or represented who vote today."""
    return room_rights(meeting=locked.meeting, taking_part=represented_in_meeting(meeting=locked.meeting))


def _lock(resolution: Resolution) -> Resolution:
    return (
        Resolution.objects.select_for_update(of=("self",))
        .select_related("meeting", "agenda_item__meeting", "agenda_item__announced_in")
        .get(pk=resolution.pk)
    )


def refuse_unannounced(resolution: Resolution) -> None:
    """§ 32 Abs. 1 BGB: only on subjects named when the meeting was convened (services.convening)."""
    item = resolution.agenda_item
    if item is not None and not item.is_resolvable:
        raise ValidationError(
            _(
                "No resolution can be taken on item %(number)s: it was not named in an invitation or supplement "
                "sent within the notice period (§ 32 Abs. 1 BGB)."
            )
            % {"number": item.number}
        )


def _lock_for_recording(resolution: Resolution) -> Resolution:
    locked = _lock(resolution)
    if locked.procedure != Resolution.Procedure.IN_MEETING:
        raise ValidationError(_("Only votes taken in the meeting are recorded by the secretariat."))
    refuse_unannounced(locked)
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
