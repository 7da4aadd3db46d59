"""Who may speak for an organisation on a funding call, as `rules` predicates built on the bylaws.

Calls, deadlines and the partner search are for everyone in the member area (the middleware checks
that). Declaring, changing or withdrawing an interest is done for one's own organisation, and only a
member organisation's people do it: views and templates ask ``user.has_perm("funding.declare_interest",
call)`` and ``user.has_perm("funding.withdraw_interest", interest)``.
"""

import rules

from members import bylaws
from members.models import Organisation


@rules.predicate
def speaks_for_a_member_organisation(user) -> bool:
    if not bylaws.has_member_access(user):
        return False
    organisation = user.organisation
    return organisation is not None and organisation.status == Organisation.Status.ACTIVE


@rules.predicate
def is_a_call(user, call) -> bool:
    return call is not None


@rules.predicate
def is_own_organisations_interest(user, interest) -> bool:
    return interest is not None and interest.organisation_id == user.organisation_id


rules.add_perm("funding.declare_interest", speaks_for_a_member_organisation & is_a_call)
rules.add_perm("funding.withdraw_interest", speaks_for_a_member_organisation & is_own_organisations_interest)
