"""Changes to members' records. Views and the admin call these; nothing else writes them.

By topic: accounts (invitations), addresses (the sign-in address), offices, people (profile, digest,
erasure, retention).
"""

from members.services.accounts import (
    invitation_accept,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    invitation_send,
)
from members.services.addresses import (
    EmailChangeRefused,
    address_change_alert_send,
    address_change_approve,
    address_change_reject,
    address_change_review_send,
    email_change_confirmation_send,
    pending_change_of,
    person_email_change_request,
    person_email_confirmed,
    review_token,
)
from members.services.offices import (
    REMINDER_DAYS,
    OfficeSaved,
    ending_offices_remind,
    mandate_approve,
    mandate_save,
    needs_second_person,
    organisation_offices_end,
    organisation_save,
    succession_notice_send,
    succession_recipients,
)
from members.services.people import (
    CONSENT_FIELDS,
    ERASED_NAME,
    RETENTION_YEARS,
    digest_set,
    person_erase,
    profile_update,
    retention_purge,
)

__all__ = [
    "CONSENT_FIELDS",
    "ERASED_NAME",
    "EmailChangeRefused",
    "OfficeSaved",
    "REMINDER_DAYS",
    "RETENTION_YEARS",
    "address_change_alert_send",
    "address_change_approve",
    "address_change_reject",
    "address_change_review_send",
    "digest_set",
    "email_change_confirmation_send",
    "ending_offices_remind",
    "invitation_accept",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "invitation_send",
    "mandate_approve",
    "mandate_save",
    "needs_second_person",
    "organisation_offices_end",
    "organisation_save",
    "pending_change_of",
    "person_email_change_request",
    "person_email_confirmed",
    "person_erase",
    "profile_update",
    "retention_purge",
    "review_token",
    "succession_notice_send",
    "succession_recipients",
]
