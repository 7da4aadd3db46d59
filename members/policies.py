"""Who may use the member area, stated once as a policy over people (``kernel.policy``).

The same rule answers for one person on each request (``has_member_access``, ``members.access_portal``) and
as a filter on people for the digest's and the circulars' audiences (``with_member_access.q(None)``);
``tests/test_policies.py`` checks the two agree for every person, superusers included.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from kernel.policy import Held, policy
from members.models import Mandate, Organisation, User
from members.roles import STAFF_ROLES, Role, roles_of

# Association-wide offices carry access; an organisation's delegate or a lead from it does not outlive the
# organisation's membership.
ACCESS_OFFICES = STAFF_ROLES | {Role.AUDITOR}


def _holds_access_office(person) -> bool:
    return bool(roles_of(person) & ACCESS_OFFICES)


def _of_a_member_organisation(person) -> bool:
    organisation = person.organisation
    return organisation is not None and organisation.status == Organisation.Status.ACTIVE


@policy(User)
def with_member_access(_viewer=None) -> Q:
    """People who may use the member area: active accounts of an active member organisation, holding an
    association-wide office today, or superusers. People of an organisation that left (or was suspended) can
    still sign in, but only to manage their account and to export or delete their data. The rule is the same
    whoever asks (``_viewer``)."""
    office = Mandate.objects.active(timezone.localdate()).filter(role__in=ACCESS_OFFICES).values("person_id")
    holds_office = Held(User.objects.filter(pk__in=office).values("pk"), _holds_access_office)
    member = Held(
        User.objects.filter(organisation__status=Organisation.Status.ACTIVE).values("pk"), _of_a_member_organisation
    )
    return Q(is_active=True) & (Q(is_superuser=True) | Q(pk__in=holds_office) | Q(pk__in=member))


@rules.predicate
def has_member_access(user) -> bool:
    """May ``user`` use the member area today (``with_member_access`` for one person)."""
    return getattr(user, "is_authenticated", False) and with_member_access.check(user, user)
