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

import logging
import uuid

from django.conf import settings
from django.core.mail import mailers
from django.db.models import Exists, F, OuterRef, Q, prefetch_related_objects
from django.utils import timezone

from mail.digest import compose
from mail.digest.schedule import Period, current_period
from mail.health import is_suppressed
from mail.models import DigestDelivery, DigestRun
from members import bylaws
from members.models import DigestFrequency, Mandate, Organisation, User

logger = logging.getLogger(__name__)

Status = DigestDelivery.Status


def due_people(period: Period):
    """People who want the digest, may read the portal, joined before the period and have no finished delivery."""
    settled = DigestDelivery.objects.filter(person=OuterRef("pk"), period=period.sending).exclude(status=Status.FAILED)
    office = Mandate.objects.active(timezone.localdate()).filter(
        person=OuterRef("pk"), role__in=bylaws.STAFF_ROLES | {"auditor"}
    )
    return (
        User.objects.filter(is_active=True, digest=DigestFrequency.WEEKLY, date_joined__lt=period.sending)
        .filter(Q(organisation__status=Organisation.Status.ACTIVE) | Exists(office))
        .exclude(Exists(settled))
        .order_by("pk")
    )


def dispatch(*, now=None) -> DigestRun | None:
    """Queue every due digest in batches; the record of the run counts what became of them."""
    from defus.lib.tasks import enqueue
    from mail.tasks import send_digest_batch

    period = current_period(now)
    ids = list(due_people(period).values_list("pk", flat=True))
    if not ids:
        return None
    size = settings.DIGEST_BATCH_SIZE
    batches = [ids[start : start + size] for start in range(0, len(ids), size)]
    run = DigestRun.objects.create(period=period.sending, recipients=len(ids), batches=len(batches))
    for batch in batches:
        enqueue(send_digest_batch, run.pk, period.sending.isoformat(), batch)
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
    now = timezone.now()
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(person_id=pk, period=period.sending, run_id=run_id, claim=token, claimed_at=now)
            for pk in person_ids
        ],
        ignore_conflicts=True,
    )
    # Retry what failed before (the conditional UPDATE lets only one racer have each row).
    DigestDelivery.objects.filter(period=period.sending, person__in=person_ids, status=Status.FAILED).update(
        status=Status.CLAIMED, claim=token, claimed_at=now, attempts=F("attempts") + 1, run_id=run_id
    )
    return list(DigestDelivery.objects.filter(period=period.sending, claim=token).values_list("person_id", flat=True))


def send_batch(*, run_id: int | None, period: Period, person_ids) -> dict[str, list[int]]:
    """Claim, compose and send one batch over one SMTP connection. Returns person ids by outcome."""
    mine = claim(period, person_ids, run_id)
    outcome = {"sent": [], "skipped": [], "failed": []}
    if not mine:
        return outcome
    try:
        people = compose.load_people(mine)
        # Address health for the whole batch in one query: a bouncing address gets no digest (mail.health).
        prefetch_related_objects(people, "address_health")
        sections = compose.load_sections(compose.prepare_batch(people, period))
        messages, renderer = {}, compose.Renderer()
        for person in people:
            parts = [] if is_suppressed(person) else compose.parts_for(person, sections)
            if parts:
                messages[person.pk] = compose.build_digest(person, parts, period, renderer=renderer)
            else:
                outcome["skipped"].append(person.pk)
    except Exception as exc:
        # Nothing was sent: give the claims back as failed, so the next run tries again (none stays stuck).
        DigestDelivery.objects.filter(period=period.sending, status=Status.CLAIMED, person__in=mine).update(
            status=Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:300]
        )
        raise
    error = ""
    if messages:
        connection = mailers["default"]  # one connection for the whole batch
        try:
            connection.open()
        except OSError as exc:
            error = f"{type(exc).__name__}: {exc}"
            outcome["failed"] = list(messages)
        else:
            try:
                for person_id, message in messages.items():
                    try:
                        connection.send_messages([message])
                    except OSError as exc:
                        error = f"{type(exc).__name__}: {exc}"
                        outcome["failed"].append(person_id)
                    else:
                        outcome["sent"].append(person_id)
            finally:
                connection.close()
    now = timezone.now()
    for status, ids in ((Status.SENT, outcome["sent"]), (Status.SKIPPED, outcome["skipped"])):
        if ids:
            DigestDelivery.objects.filter(period=period.sending, person__in=ids).update(
                status=status, sent_at=now, error=""
            )
    if outcome["failed"]:
        logger.warning("Digest for %d people failed, will retry: %s", len(outcome["failed"]), error)
        DigestDelivery.objects.filter(period=period.sending, person__in=outcome["failed"]).update(
            status=Status.FAILED, error=error[:300]
        )
    return outcome


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
