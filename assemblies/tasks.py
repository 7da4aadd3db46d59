"""Meeting emails and the ballot clock. Thin tasks: ids in, call a service or send."""

from celery import shared_task

from assemblies import proxy_notices, receipts, services
from assemblies.notice_mail import compose
from assemblies.services import convening
from defus.lib.tasks import EMAIL_TASK


@shared_task(**EMAIL_TASK)
def send_convening_notice(self, delivery_id: int) -> None:
    """One recipient of an invitation or supplement: claimed first, so a second run sends nothing twice."""
    delivery = convening.delivery_claim(delivery_id)
    if delivery is None:
        return
    notice = delivery.notice
    try:
        compose(
            meeting=notice.meeting,
            kind=notice.kind,
            agenda=notice.agenda,
            covering_text=notice.covering_text,
            to=delivery.email,
            language=delivery.language,
            person=delivery.person,
        ).send()
    except OSError as exc:
        convening.delivery_done(delivery, error=f"{type(exc).__name__}: {exc}")
        raise  # retried with backoff; the row is claimed again then
    convening.delivery_done(delivery)


@shared_task(**EMAIL_TASK)
def send_vote_receipt(self, vote_id: int, to_organisation: bool = False) -> None:
    receipts.receipt_send(vote_id, to_organisation=to_organisation)


@shared_task(**EMAIL_TASK)
def send_proxy_notice(self, facts: dict, email: str, person_id: int | None) -> None:
    proxy_notices.notice_send(facts, email, person_id)


@shared_task
def close_due_ballots() -> int:
    """Beat task: freeze the result of every online ballot whose window has ended."""
    return services.close_due_ballots()
