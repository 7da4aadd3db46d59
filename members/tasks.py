from celery import shared_task

from members.models import Invitation
from members.services import invitation_send


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def send_invitation(self, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is not None:
        invitation_send(invitation=invitation)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=60, retry_backoff_max=3600, max_retries=10)
def remind_ending_offices(self) -> int:
    from members.services import ending_offices_remind

    return ending_offices_remind()


@shared_task
def purge_expired_records() -> int:
    from members.services import retention_purge

    return retention_purge()
