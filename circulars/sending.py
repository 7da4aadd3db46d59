"""Sending a circular once per recipient, whoever runs it and however often.

Sending creates one ``CircularDelivery`` per recipient (unique per circular and person)
and queues them in batches. A batch *claims* its rows with a conditional UPDATE (waiting or
failed → being sent) before composing, so two workers, a re-delivered task or a retry never
send anyone a second copy. Each batch composes in a fixed number of queries and goes out
over one SMTP connection; a failure is recorded and retried (``circulars.tasks``). The
claim-send-record mechanism is the digest's too: ``mail.delivery``.
"""

import uuid

from django.db.models import Prefetch
from django.urls import reverse

from circulars.models import Circular, CircularDelivery
from circulars.selectors import documents_for
from kernel import claims
from kernel.emails import absolute_url, build_email
from kernel.markup import markdown_as_text, render_markdown
from kernel.tasks import enqueue
from kernel.viewer import prime
from mail import delivery
from members.models import User
from topics.models import Document

Status = CircularDelivery.Status


def load_circular(circular_id: int) -> Circular:
    documents = Prefetch("documents", queryset=Document.objects.prefetch_related("groups").order_by("title"))
    return Circular.objects.prefetch_related(documents).get(pk=circular_id)


def build_message(circular: Circular, person: User, *, to: str | None = None, test: bool = False):
    """The circular as ``person`` gets it: their language (German when no English text), their documents."""
    language = person.language
    body = circular.body_for(language)
    documents = [
        {"title": document.title, "url": absolute_url(reverse("document_detail", args=[document.pk]))}
        for document in documents_for(person, circular)
    ]
    context = {
        "circular": circular,
        "person": person,
        # Addressed to the member even when a test copy goes to the secretariat's address.
        "recipient": person,
        "title": circular.title_for(language),
        "text": markdown_as_text(body),
        "html": render_markdown(body),
        "documents": documents,
        "archive_url": absolute_url(reverse("circular_detail", args=[circular.pk])),
        "profile_url": absolute_url(reverse("profile_edit")),
        "test": test,
    }
    headers = {"Auto-Submitted": "auto-generated"}
    return build_email(
        "circular", to=to or person.email, context=context, language=language, headers=headers, official=True
    )


def claim(circular_id: int, person_ids) -> list[int]:
    """Take this batch's waiting or failed deliveries; return whom this call may send to."""
    token = uuid.uuid4()
    deliveries = CircularDelivery.objects.filter(circular_id=circular_id)
    claims.claim(deliveries.filter(person_id__in=person_ids, status__in=[Status.PENDING, Status.FAILED]), token=token)
    return claims.claimed_by(deliveries, token)


def send_batch(*, circular_id: int, person_ids) -> dict[str, list[int]]:
    """Claim, compose and send one batch over one SMTP connection (mail.delivery). Returns person ids by outcome."""

    def compose_batch(mine):
        circular = load_circular(circular_id)
        people = list(User.objects.filter(pk__in=mine).select_related("organisation").order_by("pk"))
        # The document rules read offices and group memberships: primed for the batch in two queries.
        prime(people, "offices", "group_ids")
        return {person.pk: build_message(circular, person) for person in people}

    deliveries = CircularDelivery.objects.filter(circular_id=circular_id)
    outcome = delivery.send_claimed(
        deliveries, claim(circular_id, person_ids), compose_batch, what=f"Circular {circular_id}"
    )
    return outcome


def queue(circular_id: int, person_ids: list[int]) -> int:
    """Queue these recipients' deliveries in batches (after the transaction commits)."""

    for batch in delivery.batches(person_ids):
        enqueue("circulars.tasks.send_circular_batch", circular_id, batch)
    return len(person_ids)


def retry_failed(*, circular_id: int | None = None) -> int:
    """Queue every failed delivery again (of one circular, or of all); the claim keeps each to one copy."""
    failed = CircularDelivery.objects.filter(status=Status.FAILED)
    if circular_id is not None:
        failed = failed.filter(circular_id=circular_id)
    by_circular: dict[int, list[int]] = {}
    for circular, person in failed.order_by("circular_id", "person_id").values_list("circular_id", "person_id"):
        by_circular.setdefault(circular, []).append(person)
    return sum(queue(circular, people) for circular, people in by_circular.items())
