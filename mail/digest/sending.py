"""Sending the digest once per person and period, whoever runs it and however often.

The dispatcher (``send_digests`` command and the hourly beat task alike) finds
the people whose digest for the current period is due and queues them in
batches. A batch *claims* its people before composing: it inserts one
``DigestDelivery`` per person and period, which a unique constraint allows only
once, so a second run, a second worker or a re-delivered task finds the rows
taken and sends nothing. Rows of a failed attempt are claimed again by a
conditional UPDATE, which also only one of two racing workers can win.

Every step is a fixed number of queries per batch, never per person.
"""

import uuid

from django.db.models import Exists, F, OuterRef, prefetch_related_objects
from django.utils import timezone

from kernel import claims
from kernel.digest_schedule import Period, current_period
from kernel.tasks import enqueue
from mail import delivery
from mail.digest import compose
from mail.health import is_suppressed
from mail.models import DigestDelivery, DigestRun
from members.models import DigestFrequency, User
from members.policies import with_member_access

Status = DigestDelivery.Status


def due_people(period: Period):
    """People who want the digest, may read the portal, joined before the period and have no finished delivery."""
    settled = DigestDelivery.objects.filter(person=OuterRef("pk"), period=period.sending).exclude(status=Status.FAILED)
    return (
        User.objects.filter(digest=DigestFrequency.WEEKLY, date_joined__lt=period.sending)
        .filter(with_member_access.q(None))
        .exclude(Exists(settled))
        .order_by("pk")
    )


def dispatch(*, now=None) -> DigestRun | None:
    """Queue every due digest in batches; the record of the run counts what became of them."""

    period = current_period(now)
    ids = list(due_people(period).values_list("pk", flat=True))
    if not ids:
        return None
    batches = delivery.batches(ids)
    run = DigestRun.objects.create(period=period.sending, recipients=len(ids), batches=len(batches))
    for batch in batches:
        enqueue("members.tasks.send_digest_batch", run.pk, period.sending.isoformat(), batch)
    return run


def preview(*, period: Period | None = None, person_ids) -> list[tuple[User, list[compose.Part]]]:
    """Compose without sending or recording anything (dry runs, the admin preview)."""
    period = period or current_period()
    people = compose.load_people(person_ids)
    batch = compose.prepare_batch(people, period)
    sections = compose.load_sections(batch)
    return [(person, compose.parts_for(person, sections)) for person in people]


def claim(period: Period, person_ids, run_id) -> list[int]:
    """Take the deliveries of these people for this period; return whom this call may send to."""
    token = uuid.uuid4()
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(person_id=pk, period=period.sending, run_id=run_id, claim=token, claimed_at=timezone.now())
            for pk in person_ids
        ],
        ignore_conflicts=True,
    )
    this_period = DigestDelivery.objects.filter(period=period.sending)
    # Retry what failed before (the conditional UPDATE lets only one racer have each row).
    claims.claim(this_period.filter(person__in=person_ids, status=Status.FAILED), token=token, run_id=run_id)
    return claims.claimed_by(this_period, token)


def send_batch(*, run_id: int | None, period: Period, person_ids) -> dict[str, list[int]]:
    """Claim, compose and send one batch over one SMTP connection (mail.delivery). Returns person ids by outcome."""

    def compose_batch(mine):
        people = compose.load_people(mine)
        # Address health for the whole batch in one query: a bouncing address gets no digest (mail.health).
        prefetch_related_objects(people, "address_health")
        sections = compose.load_sections(compose.prepare_batch(people, period))
        renderer = compose.Renderer()
        messages = {}
        for person in people:
            parts = [] if is_suppressed(person) else compose.parts_for(person, sections)
            messages[person.pk] = compose.build_digest(person, parts, period, renderer=renderer) if parts else None
        return messages

    deliveries = DigestDelivery.objects.filter(period=period.sending)
    return delivery.send_claimed(deliveries, claim(period, person_ids, run_id), compose_batch, what="Digest")


def record(run_id: int | None, outcome: dict[str, list[int]], *, final: bool) -> None:
    """Add a batch's outcome to its run; failures count only once no retry is left."""
    if run_id is None:
        return
    changes = {"sent": F("sent") + len(outcome["sent"]), "skipped": F("skipped") + len(outcome["skipped"])}
    if final:
        changes |= {"failed": F("failed") + len(outcome["failed"]), "batches_done": F("batches_done") + 1}
    DigestRun.objects.filter(pk=run_id).update(**changes)
    if final:
        DigestRun.objects.filter(pk=run_id, batches_done__gte=F("batches"), finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
