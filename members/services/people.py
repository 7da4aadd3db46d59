"""A person's own settings and data: profile and directory consent, the digest, erasure (Art. 17 DSGVO) and
retention."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from kernel import privacy
from members import audit
from members.models import AuditEntry, ConsentRecord, DigestFrequency, Invitation, Mandate, User

# --- Profile and consent -------------------------------------------------------

CONSENT_FIELDS = {
    "show_email": ConsentRecord.Subject.DIRECTORY_EMAIL,
    "show_phone": ConsentRecord.Subject.DIRECTORY_PHONE,
    "show_position": ConsentRecord.Subject.DIRECTORY_POSITION,
}


@transaction.atomic
def profile_update(*, person: User, data: dict) -> User:
    """Save own profile fields; every change of a directory consent is recorded with its time."""
    now = timezone.now()
    for field, value in data.items():
        if field in CONSENT_FIELDS and getattr(person, field) != value:
            ConsentRecord.objects.create(person=person, subject=CONSENT_FIELDS[field], granted=value, recorded_at=now)
        setattr(person, field, value)
    person.full_clean(exclude=["password"])
    person.save()
    return person


# --- The weekly digest -----------------------------------------------------------------


@transaction.atomic
def digest_set(*, person: User, frequency: str) -> bool:
    """Turn the digest on or off; a change is recorded as consent given or withdrawn. Returns whether it changed."""
    locked = User.objects.select_for_update().get(pk=person.pk)
    if locked.digest == frequency:
        return False
    User.objects.filter(pk=person.pk).update(digest=frequency)
    person.digest = frequency
    ConsentRecord.objects.create(
        person=person, subject=ConsentRecord.Subject.DIGEST, granted=frequency != DigestFrequency.OFF
    )
    return True


# --- DSGVO: export and erasure ---------------------------------------------------

ERASED_NAME = "Gelöschte Person"


@transaction.atomic
def person_erase(*, person: User) -> None:
    """Art. 17 DSGVO: remove personal data, keep the association's records pseudonymised.

    Offices stay (the privacy page states their retention as association records),
    but point to a pseudonym; the account can no longer sign in.
    """

    # Offices end with the account: from today the organisation has no delegate until a successor is named.
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for mandate in Mandate.objects.active().filter(person=person):
        mandate.end = max(yesterday, mandate.start)
        mandate.save(update_fields=["end"])
    # The audit log keeps what happened, not who the person was.

    AuditEntry.objects.filter(target_type="members.user", target_id=str(person.pk)).update(
        target_repr=ERASED_NAME, changes={}
    )
    invitation_ids = [str(pk) for pk in Invitation.objects.filter(accepted_by=person).values_list("pk", flat=True)]
    AuditEntry.objects.filter(target_type="members.invitation", target_id__in=invitation_ids).update(
        target_repr=ERASED_NAME, changes={}
    )
    audit.record(actor=None, action="person.erased", target=person)
    # What the apps keep of the person outside the account (e.g. the name on attendance certificates).
    privacy.person_erase_parts(person)
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    person.consent_records.all().delete()
    Invitation.objects.filter(accepted_by=person).update(email=f"geloescht-{person.pk}@invalid")
    person.working_group_memberships.all().delete()
    person.email = f"geloescht-{person.pk}@invalid"
    person.first_name, person.last_name = ERASED_NAME, ""
    person.position = person.phone = ""
    # The form of address is personal too (Anrede, Titel); with the account there is no post to choose about.
    person.salutation = person.title = ""
    person.official_post_portal_only_since = None
    person.show_email = person.show_phone = person.show_position = False
    person.is_active = False
    # A new (unusable) password also invalidates every open session of this account.
    person.set_unusable_password()
    person.save()


# --- Retention (as the privacy page states) ----------------------------------------

RETENTION_YEARS = 10


@transaction.atomic
def retention_purge(*, today: datetime.date | None = None) -> int:
    """Remove office records that ended more than ten years ago, and erased accounts nothing refers to."""
    today = today or timezone.localdate()
    cutoff = today - relativedelta(years=RETENTION_YEARS)
    deleted, _ = Mandate.objects.filter(end__lt=cutoff).delete()
    User.objects.filter(is_active=False, email__endswith="@invalid", mandates__isnull=True).delete()
    return deleted
