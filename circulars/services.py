"""Changes to circulars: sending (once) and the test copy to oneself."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circulars import selectors, sending
from circulars.models import Circular, CircularDelivery


def circular_audience_problem(*, circular: Circular) -> str | None:
    """Why this circular cannot be sent to its audience as it stands, or None."""
    if circular.audience == Circular.Audience.GROUPS and not circular.groups.exists():
        return _("Choose at least one working group for this audience.")
    if circular.audience == Circular.Audience.ORGANISATIONS and not circular.organisations.exists():
        return _("Choose at least one organisation for this audience.")
    return None


@transaction.atomic
def circular_send(*, circular: Circular, actor, now=None) -> int:
    """Send the circular to its audience, once. Returns the number of emails queued.

    The conditional UPDATE (draft → sent) lets exactly one of two concurrent sends through;
    the other finds the circular sent and is refused. A circular is official post: only those who
    chose official post in the portal only get no email and read it in the archive (mail.official).
    """
    problem = circular_audience_problem(circular=circular)
    if problem:
        raise ValidationError(problem)
    now = now or timezone.now()
    won = Circular.objects.filter(pk=circular.pk, status=Circular.Status.DRAFT).update(
        status=Circular.Status.SENT, sent_at=now, sent_by=actor
    )
    if not won:
        raise ValidationError(_("This circular has already been sent."))
    circular.status, circular.sent_at, circular.sent_by = Circular.Status.SENT, now, actor
    person_ids = list(selectors.email_recipients(circular).values_list("pk", flat=True))
    CircularDelivery.objects.bulk_create(
        [CircularDelivery(circular=circular, person_id=pk) for pk in person_ids], ignore_conflicts=True
    )
    return sending.queue(circular.pk, person_ids)


def circular_send_test(*, circular: Circular, actor, as_person=None) -> None:
    """A test copy to the actor's own address, as ``as_person`` (default: the actor) would get it."""
    circular = sending.load_circular(circular.pk)
    sending.build_message(circular, as_person or actor, to=actor.email, test=True).send()
