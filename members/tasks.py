from celery import shared_task

from members.models import Invitation
from members.services import invitation_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_invitation(self, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is not None:
        invitation_send(invitation=invitation)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_email_change_confirmation(self, address_id: int) -> None:
    from members.services import email_change_confirmation_send

    email_change_confirmation_send(address_id=address_id)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_email_change_notice(self, person_id: int, *, old_email: str, new_email: str, actor_name: str) -> None:
    from members.services import email_change_notice_send

    email_change_notice_send(person_id=person_id, old_email=old_email, new_email=new_email, actor_name=actor_name)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_succession_notice(self, predecessor_id: int, successor_id: int, *, to: str, language: str) -> None:
    from members.services import succession_notice_send

    succession_notice_send(predecessor_id=predecessor_id, successor_id=successor_id, to=to, language=language)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=10)
def remind_ending_offices(self) -> int:
    from members.services import ending_offices_remind

    return ending_offices_remind()


@shared_task
def purge_expired_records() -> int:
    from members.services import retention_purge

    return retention_purge()


@shared_task
def dispatch_digests() -> int:
    """Hourly: queue the digests that are due (none twice; see members.digest.sending)."""
    from members.digest.sending import dispatch

    run = dispatch()
    return run.recipients if run else 0


DIGEST_MAX_RETRIES = 8


@shared_task(bind=True, max_retries=DIGEST_MAX_RETRIES)
def send_digest_batch(self, run_id: int | None, period: str, person_ids: list[int]) -> dict:
    """Send one batch; those whose sending failed (SMTP down) are retried with a growing pause."""
    import datetime

    from django.conf import settings

    from members.digest.schedule import current_period
    from members.digest.sending import record, send_batch

    sending = datetime.datetime.fromisoformat(period)
    outcome = send_batch(run_id=run_id, period=current_period(sending), person_ids=person_ids)
    # In-process (no worker, no scheduler) a failure is final for this run; the next hourly run picks it up.
    final = not outcome["failed"] or self.request.is_eager or self.request.retries >= DIGEST_MAX_RETRIES
    record(run_id, outcome, final=final)
    if not final:
        countdown = settings.DIGEST_RETRY_BACKOFF * 2**self.request.retries
        raise self.retry(args=(run_id, period, outcome["failed"]), countdown=countdown)
    return {key: len(ids) for key, ids in outcome.items()}


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=10)
def remind_invitations(self) -> int:
    """Daily: the one reminder of an invitation unused for a week (claimed, so never sent twice)."""
    from members.onboarding import invitations_remind

    return invitations_remind()
