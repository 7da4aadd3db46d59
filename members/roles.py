"""The offices the bylaws know, and which of them a person holds today.

Model-free on purpose: ``members.models`` asks it (``User.is_staff``), so it reaches the offices
through the person (``user.mandates``) and never imports the models. What each office may do in
the portal and the admin is in ``members.bylaws``.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.person_facts import fact


class Role(models.TextChoices):
    """Offices the bylaws know. Rights per role live in members.bylaws."""

    CHAIR = "chair", _("Chair")
    DEPUTY_CHAIR = "deputy_chair", _("Deputy chair")
    TREASURER = "treasurer", _("Treasurer")
    BOARD_MEMBER = "board_member", _("Board member")
    DELEGATE = "delegate", _("Delegate")
    AUDITOR = "auditor", _("Auditor")
    WORKING_GROUP_LEAD = "working_group_lead", _("Working group lead")
    SECRETARIAT = "secretariat", _("Secretariat")


BOARD_ROLES = frozenset({Role.CHAIR, Role.DEPUTY_CHAIR, Role.TREASURER, Role.BOARD_MEMBER})
STAFF_ROLES = frozenset({Role.SECRETARIAT}) | BOARD_ROLES
# Offices only one person holds at a time.
SINGLE_HOLDER_ROLES = frozenset({Role.CHAIR})
# Offices that carry a vote: the delegate's in the members' meeting, the board's in the board meeting.
VOTING_ROLES = frozenset({Role.DELEGATE}) | BOARD_ROLES
# The board convenes the members' meeting; the secretariat prepares it and records attendance,
# proxies and the votes cast in the room.
CONVENING_ROLES = BOARD_ROLES | {Role.SECRETARIAT}

# The key of roles_of's answers among the person's facts (bylaws.prime_offices fills it for many people).
ROLES_FACT = "roles"


def roles_of(user, on: datetime.date | None = None) -> frozenset[str]:
    """The offices ``user`` holds on ``on`` (default today), cached per user object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    on = on or timezone.localdate()
    return fact(user, (ROLES_FACT, on), lambda: frozenset(user.mandates.active(on).values_list("role", flat=True)))


def has_staff_access(user) -> bool:
    return bool(roles_of(user) & STAFF_ROLES)


def is_board(user) -> bool:
    return bool(roles_of(user) & BOARD_ROLES)


def is_secretariat(user) -> bool:
    return Role.SECRETARIAT in roles_of(user)


def may_convene(user) -> bool:
    return bool(roles_of(user) & CONVENING_ROLES)
