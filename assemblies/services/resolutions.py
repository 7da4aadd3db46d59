"""Results: consent without a meeting (§ 32 Abs. 3 BGB), counting against quorum and majority, freezing.

A result is computed once, frozen with its tally and never recomputed; an adopted election puts the
elected person into office, an adopted position paper is published.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from assemblies.models import Choice, Consent, Resolution
from assemblies.services.meetings import represented_in_meeting
from assemblies.services.votes import window as _window
from assemblies.voting_rights import delegated_organisation_ids, entitled_count, entitled_organisations
from members.models import Mandate
from members.services import mandate_save
from topics.models import Document

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
    # Written once into the document, so in the association's language, whoever closes the vote.
    with translation.override(settings.LANGUAGE_CODE):
        _publish_note(locked)


def _publish_note(locked: Resolution) -> None:
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
