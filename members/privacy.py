"""Meine Daten, the members' part: profile, consents, e-mail addresses, offices, invitation (digest: mail)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from kernel.privacy import day
from members.models import AddressChange, ConsentRecord, Invitation

COVERS = {
    "members.Mandate.person",
    "members.Invitation.accepted_by",
    "members.ConsentRecord.person",
    "members.AddressChange.person",
    "account.EmailAddress.user",
    "mfa.Authenticator.user",
}

NOT_PERSONAL = {
    "members.Invitation.invited_by": "who sent an invitation on the association's behalf; the invitation "
    "belongs to the invited person (their own is exported as 'invitation')",
    "members.AuditEntry.actor": "the association's record of office and membership changes made by staff "
    "(kept under Art. 17(3)(b) GDPR); the offices themselves are exported",
    "members.ImportRun.created_by": "a member list the secretariat imported on the association's behalf; the "
    "people it created or changed are exported as themselves",
    "members.AddressChange.requested_by": "the staff member who asked for a change of someone's sign-in "
    "address on the association's behalf; the person whose address it was exports the request",
    "members.Mandate.requested_by": "the staff member who entered someone's appointment as delegate on the "
    "association's behalf; the appointed person exports the office",
    "members.Mandate.approved_by": "the second staff member who approved someone's appointment on the "
    "association's behalf (four eyes); the appointed person exports the office",
    "admin.LogEntry.user": "Django's history of staff edits in the admin, the association's record of its work",
}


def export(person) -> dict:
    return {
        "profile": {
            "email": person.email,
            "salutation": person.salutation,
            "title": person.title,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "position": person.position,
            "phone": person.phone,
            "level": person.level,
            "language": person.language,
            "organisation": person.organisation.name if person.organisation else None,
            "date_joined": day(person.date_joined),
            "last_login": day(person.last_login),
            "official_post_portal_only_since": day(person.official_post_portal_only_since),
        },
        "directory_consent": {
            "show_email": person.show_email,
            "show_phone": person.show_phone,
            "show_position": person.show_position,
        },
        "consent_history": [
            {"subject": c.subject, "granted": c.granted, "recorded_at": day(c.recorded_at)}
            for c in ConsentRecord.objects.filter(person=person).order_by("recorded_at")
        ],
        "address_changes": [
            {
                "new_email": c.new_email,
                "state": c.state,
                "requested_at": day(c.requested_at),
                "decided_at": day(c.decided_at),
            }
            for c in AddressChange.objects.filter(person=person).order_by("requested_at")
        ],
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=person)
        ],
        # The kind and dates only: the secrets stay where they are.
        "second_factors": [
            {"type": a.type, "created_at": day(a.created_at), "last_used_at": day(a.last_used_at)}
            for a in Authenticator.objects.filter(user=person).order_by("pk")
        ],
        "offices": [
            {
                "role": m.role,
                "organisation": m.organisation.name if m.organisation else None,
                "working_group": m.working_group.name if m.working_group else None,
                "start": day(m.start),
                "end": day(m.end),
                "elected_at": m.elected_at,
            }
            for m in person.mandates.select_related("organisation", "working_group").order_by("start")
        ],
        "invitation": _invitation_of(person),
    }


def _invitation_of(person):
    invitation = Invitation.objects.filter(accepted_by=person).select_related("organisation").first()
    if invitation is None:
        return None
    return {"organisation": invitation.organisation.name, "accepted_at": day(invitation.accepted_at)}
