"""Bouncing addresses: scoring, suppression and the confirmation that lifts it."""

import datetime

from django.db import transaction
from django.utils import timezone

from mail.models import HARD_BOUNCE_SCORE, SOFT_BOUNCE_SCORE, SUPPRESS_AT, AddressHealth
from members.models import User


def person_for(address: str) -> User | None:
    """The person an outgoing message goes to, with their address health in the same query."""
    return User.objects.select_related("address_health").filter(email__iexact=address.strip()).first()


def _health(person) -> AddressHealth | None:
    try:
        return person.address_health
    except AddressHealth.DoesNotExist:
        return None


def is_suppressed(person) -> bool:
    health = _health(person)
    return health is not None and health.is_suppressed


def suppressed_person_ids(person_ids) -> set[int]:
    """For a batch (the digest): one query, however many people."""
    rows = AddressHealth.objects.filter(person__in=person_ids, score__gte=SUPPRESS_AT)
    return {row.person_id for row in rows if row.is_suppressed}


@transaction.atomic
def bounce_record(*, person, hard: bool, status: str = "", now=None) -> AddressHealth:
    """Count one bounce, at most one a day; a score older than 30 days starts again from zero."""
    now = now or timezone.now()
    health, _created = AddressHealth.objects.select_for_update().get_or_create(
        person=person, defaults={"address": person.email}
    )
    if health.last_bounce_at is not None and now - health.last_bounce_at < datetime.timedelta(days=1):
        return health
    health.score = health.current_score(now) + (HARD_BOUNCE_SCORE if hard else SOFT_BOUNCE_SCORE)
    health.address = person.email
    health.last_bounce_at = now
    health.last_bounce_kind = AddressHealth.Kind.HARD if hard else AddressHealth.Kind.SOFT
    health.last_status = status[:300]
    health.save()
    return health


def address_confirmed(*, person) -> None:
    """The person confirmed their address again (allauth's link): mail may go out again."""
    AddressHealth.objects.filter(person=person).update(score=0, last_bounce_at=None)
