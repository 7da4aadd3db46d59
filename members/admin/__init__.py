"""The secretariat's and the board's workplace. Rights come from members.bylaws, not from flags.

One module per topic; importing this package registers them all. The moving-in pages (import,
export, bulk invitations) extend the organisation and person admins in members.admin_import.
"""

from members import admin_import  # noqa: F401  (extends the organisation and person admins)
from members.admin import offices, records  # noqa: F401  (registers the admins; the digest's: mail.admin_digest)
from members.admin.base import AuditedAdmin
from members.admin.organisations import OrganisationAdmin
from members.admin.people import UserAdmin

__all__ = ["AuditedAdmin", "OrganisationAdmin", "UserAdmin"]
