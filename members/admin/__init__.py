"""The secretariat's and the board's workplace. Rights come from members.bylaws, not from flags.

One module per topic; importing this package registers them all. The moving-in pages (import,
export) live in members.admin_import; the bulk invitations extend the organisation and person admins in
members.admin_invitations.
"""

from members import admin_import, admin_invitations  # noqa: F401  (extend the organisation and person admins)
from members.admin import offices, organisations, people, records  # noqa: F401  (register the admins)
