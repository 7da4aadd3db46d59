"""Meeting emails and the ballot clock. Thin tasks: ids in, call a service or send."""

from celery import shared_task

from assemblies import proxy_notices, receipts, services
from assemblies.services import convening
from kernel.tasks import EMAIL_TASK


@shared_task(**EMAIL_TASK)
def send_convening_notice(self, delivery_id: int) -> bool:
    """One recipient of an invitation or supplement: claimed first, so a second run sends nothing twice."""
    return convening.delivery_send(delivery_id)


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
