"""The bylaws as code: which office grants which right.

This is the only place where rights are granted. Everything else asks
``user.has_perm(...)`` (model rights, via members.backends.BylawsBackend) or a
``rules`` predicate or policy built on ``roles_of`` (object rights). Rights follow the
offices active *today*, so a term that ends takes its rights with it without
any job to run.

Split in three so the models can ask the bylaws without importing them back: ``members.roles``
(the offices and who holds which today) and ``members.office_rules`` (which offices may exist side
by side) are model-free; this module adds the rights and re-exports what the rest of the portal asks
(``bylaws.is_board``, ``bylaws.roles_of``, ``bylaws.office_conflicts`` …); role sets come from ``members.roles``.
"""

import datetime

from members.models import Mandate
from members.office_rules import Conflict, office_conflicts
from members.policies import has_member_access
from members.roles import (
    STAFF_ROLES,
    Role,
    is_board,
    is_board_or_secretariat,
    is_secretariat,
    offices_of,
    roles_of,
)

__all__ = [
    "APPROVAL_PERMISSIONS",
    "BOARD_PERMISSIONS",
    "FEE_PERMISSIONS",
    "ROLE_PERMISSIONS",
    "SECRETARIAT_PERMISSIONS",
    "STAFF_ROLES",
    "Conflict",
    "Role",
    "has_member_access",
    "is_board",
    "is_board_or_secretariat",
    "is_secretariat",
    "office_conflicts",
    "offices_of",
    "permissions_of",
    "roles_of",
    "secretariat_emails",
]

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

# Four eyes: an appointment of a delegate or a proxy on paper, entered by one person of the secretariat, hands out
# an organisation's vote; it takes effect when a second person of the secretariat or the board approves it (the
# services refuse the one who entered it, and the database keeps the two apart).
APPROVAL_PERMISSIONS = frozenset({"members.approve_mandate", "assemblies.approve_proxy"})
SECRETARIAT_PERMISSIONS = SECRETARIAT_PERMISSIONS | APPROVAL_PERMISSIONS
BOARD_PERMISSIONS = BOARD_PERMISSIONS | APPROVAL_PERMISSIONS

# Fee invoices and payment reminders (fees app) are the secretariat's and the treasurer's (Schatzmeister/in), who
# also records payments; the rest of the board reads them. Issued invoices are changed by nobody (fees.models).
_FEE_RECORDS = [("fees", "billingdetails"), ("fees", "invoice"), ("fees", "reminder")]
FEE_PERMISSIONS = _perms(_FEE_RECORDS, actions=("view", "add")) | {
    "fees.change_billingdetails",
    "members.view_membershipfee",
    "members.change_membershipfee",
}
SECRETARIAT_PERMISSIONS = SECRETARIAT_PERMISSIONS | FEE_PERMISSIONS
BOARD_PERMISSIONS = BOARD_PERMISSIONS | _perms(_FEE_RECORDS, actions=("view",))

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.SECRETARIAT: SECRETARIAT_PERMISSIONS,
    Role.CHAIR: BOARD_PERMISSIONS,
    Role.DEPUTY_CHAIR: BOARD_PERMISSIONS,
    Role.TREASURER: BOARD_PERMISSIONS | FEE_PERMISSIONS,
    Role.BOARD_MEMBER: BOARD_PERMISSIONS,
    # Delegates, auditors and leads act in the portal, not in the admin.
    Role.DELEGATE: frozenset(),
    Role.AUDITOR: frozenset(),
    Role.WORKING_GROUP_LEAD: frozenset(),
}


def permissions_of(user) -> frozenset[str]:
    granted = frozenset()
    for role in roles_of(user):
        granted |= ROLE_PERMISSIONS[role]
    return granted


def secretariat_emails(on: datetime.date | None = None) -> list[str]:
    """Where the secretariat's notices go: the people holding the office today."""
    return list(
        Mandate.objects.active(on)
        .filter(role=Role.SECRETARIAT, person__is_active=True)
        .values_list("person__email", flat=True)
        .distinct()
    )


# Which votes a person casts (delegate, proxy, board member) is answered by assemblies.voting_rights
# from the offices (members.roles).
