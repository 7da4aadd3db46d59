"""Object rules for the members area, as `rules` predicates built on the bylaws.

Views, templates and (later) digest sections all ask these, e.g.
``request.user.has_perm("members.access_portal")``.
"""

import rules

from members import bylaws


@rules.predicate
def has_member_access(user):
    return bylaws.has_member_access(user)


@rules.predicate
def is_secretariat(user):
    return bylaws.is_secretariat(user)


@rules.predicate
def is_board(user):
    return bylaws.is_board(user)


@rules.predicate
def is_self(user, person):
    return person is not None and user.pk == person.pk


rules.add_perm("members.access_portal", has_member_access)
rules.add_perm("members.view_directory", has_member_access)
rules.add_perm("members.view_bodies", has_member_access)
rules.add_perm("members.edit_profile", is_self)
rules.add_perm("members.export_fees", is_secretariat | is_board)
