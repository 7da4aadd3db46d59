"""Object rules for the members area, as `rules` predicates built on the bylaws.

Views, templates and digest sections all ask these, e.g. ``request.user.has_perm("members.access_portal")``;
member access itself is the policy ``members.policies.with_member_access``.
"""

import rules

from members.policies import has_member_access

rules.add_perm("members.access_portal", has_member_access)
rules.add_perm("members.view_directory", has_member_access)
