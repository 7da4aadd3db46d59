"""A person's choice to receive official post in the portal only, not by email (who gets what: mail.official).

Official post is not a newsletter: it reaches every person in its audience by email whatever the digest
setting. This choice alone stops the email; it is off until the person (or the secretariat on their word)
makes it, and every change is kept with its time in the consent history and the audit log.
"""

from django.db import transaction
from django.utils import timezone

from members import audit
from members.models import ConsentRecord, User


@transaction.atomic
def official_post_choose(*, person: User, portal_only: bool, actor: User | None) -> bool:
    """Set the choice; returns whether it changed. ``actor``: who made the change (the person, or staff)."""
    locked = User.objects.select_for_update().get(pk=person.pk)
    if (locked.official_post_portal_only_since is not None) == portal_only:
        return False
    now = timezone.now()
    since = now if portal_only else None
    User.objects.filter(pk=person.pk).update(official_post_portal_only_since=since)
    person.official_post_portal_only_since = since
    ConsentRecord.objects.create(
        person=person, subject=ConsentRecord.Subject.OFFICIAL_POST_PORTAL_ONLY, granted=portal_only, recorded_at=now
    )
    audit.record(
        actor=actor,
        action="person.official_post_changed",
        target=person,
        before={"official_post_portal_only": not portal_only},
        after={"official_post_portal_only": portal_only},
    )
    return True
