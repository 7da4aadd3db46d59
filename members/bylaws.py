"""The bylaws as code: which office grants which right.

This is the only place where rights are granted. Everything else asks
``user.has_perm(...)`` (model rights, via members.backends.BylawsBackend) or a
``rules`` predicate built on ``roles_of`` (object rights). Rights follow the
offices active *today*, so a term that ends takes its rights with it without
any job to run.
"""

import datetime

from django.utils import timezone

from members.models import BOARD_ROLES, Mandate, Role

_CRUD = ("view", "add", "change", "delete")


def _perms(app_model_pairs, actions=_CRUD) -> frozenset[str]:
    return frozenset(f"{app}.{action}_{model}" for app, model in app_model_pairs for action in actions)


# Everything the association administers day to day.
_ASSOCIATION_RECORDS = [
    ("members", "organisation"),
    ("members", "user"),
    ("members", "mandate"),
    ("members", "invitation"),
    ("topics", "workinggroup"),
    ("topics", "membership"),
]

# The secretariat runs the association's records (Geschäftsstelle).
SECRETARIAT_PERMISSIONS = _perms(_ASSOCIATION_RECORDS)

# The board oversees them: it reads everything and decides on admissions
# (organisation status) and invitations, but does not edit people's accounts.
BOARD_PERMISSIONS = _perms(_ASSOCIATION_RECORDS, actions=("view",)) | frozenset(
    {"members.change_organisation", "members.add_invitation", "members.change_invitation"}
)

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
