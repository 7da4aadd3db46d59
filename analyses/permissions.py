"""Who records a city's citizen survey: a member of that city (a territory with a municipality key), or the
secretariat for any member city. Everyone with member access reads the Lagebild."""

import rules

from members import bylaws
from members.bylaws import is_secretariat


@rules.predicate
def belongs_to_a_member_city(user):
    organisation = getattr(user, "organisation", None)
    return bylaws.has_member_access(user) and organisation is not None and bool(organisation.municipality_key)


rules.add_perm("analyses.record_survey", belongs_to_a_member_city | is_secretariat)
# The survey form offers the choice of city only to whoever may record one for any member city.
rules.add_perm("analyses.record_survey_for_any_city", is_secretariat)
