"""Object rules for the members area, as `rules` predicates built on the bylaws.

Views, templates and (later) digest sections all ask these, e.g.
``request.user.has_perm("members.access_portal")``.
"""

import rules

from members import bylaws


@rules.predicate
def has_member_access(user):
    return bylaws.has_member_access(user)


rules.add_perm("members.access_portal", has_member_access)
rules.add_perm("members.view_directory", has_member_access)
