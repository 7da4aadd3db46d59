"""The bylaws as code: which office grants which right.

This is the only place where rights are granted. Everything else asks
``user.has_perm(...)`` (model rights, via members.backends.BylawsBackend) or a
``rules`` predicate built on ``roles_of`` (object rights). Rights follow the
offices active *today*, so a term that ends takes its rights with it without
any job to run.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from members.models import BOARD_ROLES, Mandate, Organisation, Role

_CRUD = ("view", "add", "change", "delete")


def _perms(app_model_pairs, actions=_CRUD) -> frozenset[str]:
    return frozenset(f"{app}.{action}_{model}" for app, model in app_model_pairs for action in actions)


# Everything the association administers day to day.
_ASSOCIATION_RECORDS = [
    ("members", "organisation"),
    ("members", "user"),
    ("members", "mandate"),
    ("members", "invitation"),
    ("members", "membershipfee"),
    ("mail", "digestnote"),
    ("mail", "digestrun"),
    ("topics", "workinggroup"),
    ("topics", "membership"),
    ("topics", "thread"),
    ("topics", "post"),
    ("topics", "document"),
    ("topics", "inquiry"),
    ("events", "event"),
    ("events", "registration"),
    ("events", "guestregistration"),
    ("events", "datepoll"),
    ("events", "exchangeoffer"),
    ("funding", "programme"),
    ("funding", "call"),
    ("funding", "interest"),
    ("funding", "partnerorganisation"),
    ("funding", "importrun"),
    ("assemblies", "meeting"),
    ("assemblies", "agendaitem"),
    ("assemblies", "resolution"),
    ("assemblies", "candidate"),
    ("analyses", "offence"),
    ("analyses", "crimefigure"),
    ("analyses", "pksimport"),
    ("analyses", "indicator"),
    ("analyses", "survey"),
    ("analyses", "indicatorvalue"),
]
# Written only by the services in the portal (votes, proxies, attendance, consents): read-only in the admin.
_ASSEMBLY_RECORDS = [
    ("assemblies", "vote"),
    ("assemblies", "proxy"),
    ("assemblies", "attendance"),
    ("assemblies", "consent"),
    ("events", "attendancecertificate"),
]

# The secretariat runs the association's records (Geschäftsstelle).
SECRETARIAT_PERMISSIONS = _perms(_ASSOCIATION_RECORDS) | _perms(_ASSEMBLY_RECORDS, actions=("view",))

# The board oversees them: it reads everything and decides on admissions
# (organisation status) and invitations, but does not edit people's accounts.
BOARD_PERMISSIONS = _perms(
    [*_ASSOCIATION_RECORDS, *_ASSEMBLY_RECORDS, ("members", "auditentry")], actions=("view",)
) | frozenset({"members.change_organisation", "members.add_invitation", "members.change_invitation"})
# The audit log is read-only for everyone; entries are written by members.audit.
SECRETARIAT_PERMISSIONS = SECRETARIAT_PERMISSIONS | {
    "members.view_auditentry",
    "defus.view_outboxtask",
    # The record of backup runs; downloading an archive is for superusers only (operations.admin).
    "operations.view_backuprun",
    # Bouncing addresses (a score can be reset by hand) and what came in by email (read-only).
    "mail.view_addresshealth",
    "mail.change_addresshealth",
    "mail.view_inboundmessage",
}

# Circulars (Rundschreiben) are written and sent by the secretariat or the board; deliveries are records.
CIRCULAR_PERMISSIONS = _perms([("circulars", "circular")]) | _perms(
    [("circulars", "circulardelivery"), ("mail", "digestdelivery")], actions=("view",)
)
SECRETARIAT_PERMISSIONS = SECRETARIAT_PERMISSIONS | CIRCULAR_PERMISSIONS
BOARD_PERMISSIONS = BOARD_PERMISSIONS | CIRCULAR_PERMISSIONS

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SECRETARIAT: SECRETARIAT_PERMISSIONS,
    Role.CHAIR: BOARD_PERMISSIONS,
    Role.DEPUTY_CHAIR: BOARD_PERMISSIONS,
    Role.TREASURER: BOARD_PERMISSIONS,
    Role.BOARD_MEMBER: BOARD_PERMISSIONS,
    # Delegates, auditors and leads act in the portal, not in the admin.
    Role.DELEGATE: frozenset(),
    Role.AUDITOR: frozenset(),
    Role.WORKING_GROUP_LEAD: frozenset(),
}

STAFF_ROLES = frozenset({Role.SECRETARIAT}) | BOARD_ROLES

_CACHE_ATTR = "_bylaws_roles"


def roles_of(user, on: datetime.date | None = None) -> frozenset[str]:
    """The offices ``user`` holds on ``on`` (default today), cached per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    cache = user.__dict__.setdefault(_CACHE_ATTR, {})
    if on not in cache:
        cache[on] = frozenset(Mandate.objects.active(on).filter(person=user).values_list("role", flat=True))
    return cache[on]


def prime_offices(people, on: datetime.date | None = None) -> dict[int, list[tuple[str, int | None]]]:
    """Fill ``roles_of``'s cache for many people in one query (the digest composes hundreds at once).

    Returns each person's offices as (role, working group id), for callers that need more than the roles.
    """
    on = on or timezone.localdate()
    offices: dict[int, list[tuple[str, int | None]]] = {person.pk: [] for person in people}
    rows = Mandate.objects.active(on).filter(person__in=offices).values_list("person_id", "role", "working_group_id")
    for person_id, role, group_id in rows:
        offices[person_id].append((role, group_id))
    for person in people:
        person.__dict__.setdefault(_CACHE_ATTR, {})[on] = frozenset(role for role, _ in offices[person.pk])
    return offices


def permissions_of(user) -> frozenset[str]:
    granted = frozenset()
    for role in roles_of(user):
        granted |= ROLE_PERMISSIONS[role]
    return granted


def has_staff_access(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def is_board(user) -> bool:
    return bool(roles_of(user) & BOARD_ROLES)


def is_secretariat(user) -> bool:
    return Role.SECRETARIAT in roles_of(user)


def has_member_access(user) -> bool:
    """May use the member area: a person of an active member organisation, or holding an office today.

    People of an organisation that left (or was suspended) can still sign in, but only
    to manage their account and to export or delete their data.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    # Association-wide offices carry access; an organisation's delegate or a lead from it does not
    # outlive the organisation's membership.
    if user.is_superuser or roles_of(user) & (STAFF_ROLES | {Role.AUDITOR}):
        return True
    organisation = user.organisation
    return organisation is not None and organisation.status == Organisation.Status.ACTIVE


# --- Rules for offices (the bylaws), checked in Python and, on PostgreSQL, by exclusion constraints ---

DELEGATE_OVERLAP = gettext_lazy("This organisation already has a delegate for this period.")

# Offices only one person holds at a time.
SINGLE_HOLDER_ROLES = frozenset({Role.CHAIR})
# Offices that carry a vote: the delegate's in the members' meeting, the board's in the board meeting.
VOTING_ROLES = frozenset({Role.DELEGATE}) | BOARD_ROLES


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
    others = Mandate.objects.exclude(pk=mandate.pk)
    if mandate.end is not None:
        others = others.filter(start__lte=mandate.end)
    return others.filter(Q(end__isnull=True) | Q(end__gte=mandate.start))


def office_conflicts(mandate, *, succession: bool = False, actor=None) -> list[OfficeConflict]:
    """Why ``mandate`` may not exist beside the other offices, or [] if it may.

    With ``succession`` an open-ended delegate term that began earlier is not a
    conflict: the succession service ends it the day before the successor starts.
    With ``actor``, the person entering the office may not give themselves a vote.
    """
    problems = []
    overlapping = _overlapping(mandate)
    if mandate.role in SINGLE_HOLDER_ROLES and overlapping.filter(role=mandate.role).exists():
        problems.append(OfficeConflict(Conflict.SECOND_CHAIR, _("There is already a chair for this period.")))
    if mandate.role == Role.DELEGATE and mandate.organisation_id:
        delegates = overlapping.filter(role=Role.DELEGATE, organisation_id=mandate.organisation_id)
        if succession:
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


def secretariat_emails(on: datetime.date | None = None) -> list[str]:
    """Where the secretariat's notices go: the people holding the office today."""
    return list(
        Mandate.objects.active(on)
        .filter(role=Role.SECRETARIAT, person__is_active=True)
        .values_list("person__email", flat=True)
        .distinct()
    )


# --- Votes: members' meeting and board meeting ---------------------------------------

# Which votes a person casts (delegate, proxy, board member) is answered by assemblies.voting_rights
# from the offices above. The board convenes the members' meeting; the secretariat prepares it and
# records attendance, proxies and the votes cast in the room.
CONVENING_ROLES = BOARD_ROLES | {Role.SECRETARIAT}


def may_convene(user) -> bool:
    return bool(roles_of(user) & CONVENING_ROLES)
