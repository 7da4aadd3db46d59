"""Rules for offices (the bylaws), checked in Python and, on PostgreSQL, by exclusion constraints.

Model-free on purpose: ``Mandate.clean`` asks it, so it reads the other offices through the
office's own model and never imports the models.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.roles import BOARD_ROLES, SINGLE_HOLDER_ROLES, VOTING_ROLES, Role

DELEGATE_OVERLAP = gettext_lazy("This organisation already has a delegate for this period.")


class Conflict(StrEnum):
    """Why an office may not exist as entered; the code of the ValidationError that says so."""

    SECOND_CHAIR = "second_chair"
    DELEGATE_OVERLAP = "delegate_overlap"
    DELEGATE_NOT_OF_ORGANISATION = "delegate_not_of_organisation"
    DELEGATE_ELSEWHERE = "delegate_elsewhere"
    AUDITOR_ON_BOARD = "auditor_on_board"
    OWN_VOTING_OFFICE = "own_voting_office"


@dataclass(frozen=True)
class OfficeConflict:
    code: Conflict
    message: str

    def error(self) -> ValidationError:
        return ValidationError(self.message, code=self.code.value)


def _overlapping(mandate):
    others = type(mandate)._default_manager.exclude(pk=mandate.pk)
    if mandate.end is not None:
        others = others.filter(start__lte=mandate.end)
    return others.filter(Q(end__isnull=True) | Q(end__gte=mandate.start))


def office_conflicts(mandate, *, succession: bool = False, actor=None) -> list[OfficeConflict]:
    """Why ``mandate`` may not exist beside the other offices, or [] if it may.

    With ``succession`` an open-ended delegate term that began earlier is not a
    conflict: the succession service ends it the day before the successor starts. The same holds for an
    appointment awaiting its second approval: the approval ends that term.
    With ``actor``, the person entering the office may not give themselves a vote.
    """
    problems = []
    overlapping = _overlapping(mandate)
    if mandate.role in SINGLE_HOLDER_ROLES and overlapping.filter(role=mandate.role).exists():
        problems.append(OfficeConflict(Conflict.SECOND_CHAIR, _("There is already a chair for this period.")))
    if mandate.role == Role.DELEGATE and mandate.organisation_id:
        delegates = overlapping.filter(role=Role.DELEGATE, organisation_id=mandate.organisation_id)
        if succession or getattr(mandate, "awaiting_approval", False):
            delegates = delegates.exclude(end__isnull=True, start__lt=mandate.start)
        if delegates.exists():
            problems.append(OfficeConflict(Conflict.DELEGATE_OVERLAP, str(DELEGATE_OVERLAP)))
        if mandate.person_id and mandate.person.organisation_id != mandate.organisation_id:
            problems.append(
                OfficeConflict(
                    Conflict.DELEGATE_NOT_OF_ORGANISATION,
                    _("A delegate must be a person of the organisation whose vote they cast."),
                )
            )
        elsewhere = overlapping.filter(role=Role.DELEGATE, person_id=mandate.person_id).exclude(
            organisation_id=mandate.organisation_id
        )
        if mandate.person_id and elsewhere.exists():
            problems.append(
                OfficeConflict(
                    Conflict.DELEGATE_ELSEWHERE,
                    _("This person is already the delegate of another organisation in this period."),
                )
            )
    board_or_auditor = {*BOARD_ROLES, Role.AUDITOR}
    if mandate.role in board_or_auditor:
        clashing = {Role.AUDITOR} if mandate.role in BOARD_ROLES else BOARD_ROLES
        if overlapping.filter(person_id=mandate.person_id, role__in=clashing).exists():
            problems.append(
                OfficeConflict(Conflict.AUDITOR_ON_BOARD, _("An auditor may not be on the board at the same time."))
            )
    if actor is not None and mandate.role in VOTING_ROLES and actor.pk == mandate.person_id:
        problems.append(
            OfficeConflict(
                Conflict.OWN_VOTING_OFFICE,
                _("Nobody may enter an office with a vote for themselves; another person of the secretariat must."),
            )
        )
    return problems
