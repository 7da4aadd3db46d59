"""The offices the bylaws know, and which of them a person holds today.

Model-free on purpose: ``members.models`` asks it (``User.is_staff``), so it reaches the offices
through the person (``user.mandates``) and never imports the models. What each office may do in
the portal and the admin is in ``members.bylaws``.
"""

import datetime

import rules
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.viewer import register_fact, viewer


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
# "Board or secretariat" (``is_board_or_secretariat``): the admin's offices; they convene the members' meeting (the
# secretariat prepares it and records attendance, proxies and the votes cast in the room), read every group and
# circular and file board documents.
STAFF_ROLES = frozenset({Role.SECRETARIAT}) | BOARD_ROLES
# Offices only one person holds at a time.
SINGLE_HOLDER_ROLES = frozenset({Role.CHAIR})
# Offices that carry a vote: the delegate's in the members' meeting, the board's in the board meeting.
VOTING_ROLES = frozenset({Role.DELEGATE}) | BOARD_ROLES


def _offices(person, on: datetime.date) -> frozenset[tuple[str, int | None]]:
    return frozenset(person.mandates.active(on).values_list("role", "working_group_id"))


def _offices_of_many(people, on: datetime.date) -> dict[int, frozenset[tuple[str, int | None]]]:
    offices: dict[int, set] = {person.pk: set() for person in people}
    # Through the first person's manager: this module never imports the models (they import it).
    if people:
        mandates = type(people[0]).mandates.rel.related_model.objects
        rows = mandates.active(on).filter(person__in=list(offices)).values_list("person_id", "role", "working_group_id")
        for person_id, role, group_id in rows:
            offices[person_id].add((role, group_id))
    return {pk: frozenset(held) for pk, held in offices.items()}


# A person's offices on a day, as (role, working group id): the Viewer fact the roles and the led groups come from.
register_fact("offices", compute=_offices, bulk=_offices_of_many, default=timezone.localdate)


def offices_of(user, on: datetime.date | None = None) -> frozenset[tuple[str, int | None]]:
    """The offices ``user`` holds on ``on`` (default today) with their working group, read once per person."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return viewer(user).get("offices", on)


def roles_of(user, on: datetime.date | None = None) -> frozenset[str]:
    """The offices ``user`` holds on ``on`` (default today), read once per person (the Viewer)."""
    return frozenset(role for role, _group in offices_of(user, on))


# Predicates of django-rules, so permissions combine them (``is_secretariat | is_board``) and code calls them.
@rules.predicate
def is_board(user) -> bool:
    return bool(roles_of(user) & BOARD_ROLES)


@rules.predicate
def is_secretariat(user) -> bool:
    return Role.SECRETARIAT in roles_of(user)


@rules.predicate
def is_board_or_secretariat(user) -> bool:
    """Holds an office of the board or the secretariat today (the admin's offices, ``STAFF_ROLES``)."""
    return bool(roles_of(user) & STAFF_ROLES)
