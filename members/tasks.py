from celery import shared_task

from kernel.tasks import EMAIL_TASK
from members.imports import runs
from members.models import Invitation
from members.onboarding import invitations_remind
from members.services import (
    address_change_alert_send,
    address_change_review_send,
    email_change_confirmation_send,
    ending_offices_remind,
    invitation_send,
    retention_purge,
    succession_notice_send,
)
from members.services.organisation_change import organisation_change_notice_send


@shared_task(**EMAIL_TASK)
def send_invitation(self, invitation_id: int) -> None:
    invitation = Invitation.objects.select_related("organisation").filter(pk=invitation_id).first()
    if invitation is not None:
        invitation_send(invitation=invitation)


@shared_task(**EMAIL_TASK)
def send_email_change_confirmation(self, address_id: int) -> None:
    email_change_confirmation_send(address_id=address_id)


@shared_task(**EMAIL_TASK)
def send_address_change_review(self, change_id: int) -> None:
    address_change_review_send(change_id=change_id)


@shared_task(**EMAIL_TASK)
def send_address_change_alert(self, change_id: int) -> None:
    address_change_alert_send(change_id=change_id)


@shared_task(**EMAIL_TASK)
def send_succession_notice(self, predecessor_id: int, successor_id: int, *, to: str, language: str) -> None:
    succession_notice_send(predecessor_id=predecessor_id, successor_id=successor_id, to=to, language=language)


@shared_task(**EMAIL_TASK)
def remind_ending_offices(self) -> int:
    return ending_offices_remind()


@shared_task
def purge_expired_records() -> int:
    return retention_purge()


@shared_task(**EMAIL_TASK)
def remind_invitations(self) -> int:
    """Daily: the one reminder of an invitation unused for a week (claimed, so never sent twice)."""

    return invitations_remind()


# The member list import's two steps, in the background (members.imports.runs): no retry, a step ends refused or done.
@shared_task
def check_member_import(run_id: int) -> None:
    runs.check(run_id=run_id)


@shared_task
def apply_member_import(run_id: int, actor_id: int | None) -> None:
    runs.apply(run_id=run_id, actor_id=actor_id)


@shared_task(**EMAIL_TASK)
def send_organisation_change_notice(self, recipient_id: int, facts: dict) -> None:
    organisation_change_notice_send(recipient_id=recipient_id, facts=facts)
