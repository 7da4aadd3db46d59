"""Organisations, the people who act for them, their offices and invitations.

One module per subject; every name is offered here too, so ``from members.models import X`` is the way to
import them (and the path the migrations name, e.g. ``members.models.UserManager``)."""

from members.models.address_changes import AddressChange
from members.models.offices import Mandate, MandateQuerySet
from members.models.organisations import FederalState, MembershipFee, Organisation, validate_municipality_key
from members.models.people import (
    ConsentRecord,
    DigestFrequency,
    Invitation,
    InvitationQuerySet,
    User,
    UserManager,
    _invitation_token,
)
from members.models.records import AuditEntry, ImportRun
from members.roles import Role

__all__ = [
    "AddressChange",
    "AuditEntry",
    "ConsentRecord",
    "DigestFrequency",
    "FederalState",
    "ImportRun",
    "Invitation",
    "InvitationQuerySet",
    "Mandate",
    "MandateQuerySet",
    "MembershipFee",
    "Organisation",
    "Role",
    "User",
    "UserManager",
    "_invitation_token",
    "validate_municipality_key",
]
