"""Emails about working-group membership. Thin tasks, retried when SMTP fails."""

from celery import shared_task
from django.urls import reverse

from kernel.emails import absolute_url, send_email
from kernel.tasks import EMAIL_TASK, enqueue
from members.bylaws import secretariat_emails
from members.models import User
from topics.held_uploads import purge_held
from topics.models import Membership, WorkingGroup
from topics.selectors import group_leads


@shared_task(**EMAIL_TASK)
def send_membership_notice(self, membership_id, kind: str, person_id=None, group_id=None) -> None:
    """requested → the leads (or the secretariat if the group has none); accepted / declined → the person."""
    if membership_id is not None:
        membership = Membership.objects.select_related("group", "person").filter(pk=membership_id).first()
        if membership is None:
            return
        person, group = membership.person, membership.group
    else:
        person, group = User.objects.get(pk=person_id), WorkingGroup.objects.get(pk=group_id)
    context = {"group": group, "person": person, "group_url": absolute_url(reverse("group_detail", args=[group.slug]))}
    if kind == "requested":
        leads = group_leads(group=group)
        recipients = [(lead.email, lead.language) for lead in leads] or [
            (email, "de") for email in secretariat_emails()
        ]

        # One task per recipient: a retry after an SMTP failure writes only to whoever did not get it.
        for email, language in recipients:
            enqueue(send_membership_request, membership_id, email, language)
    else:
        send_email(f"membership_{kind}", to=person.email, language=person.language, context=context)


@shared_task(**EMAIL_TASK)
def send_membership_request(self, membership_id: int, email: str, language: str) -> None:
    membership = Membership.objects.select_related("group", "person").filter(pk=membership_id).first()
    if membership is None or membership.status != Membership.Status.REQUESTED:
        return  # decided (or withdrawn) in the meantime
    group = membership.group
    group_url = absolute_url(reverse("group_detail", args=[group.slug]))
    context = {"group": group, "person": membership.person, "group_url": group_url}
    send_email("membership_requested", to=email, language=language, context=context)


@shared_task
def purge_held_uploads() -> int:
    """Daily: uploads held for a corrected form (topics.held_uploads) are gone after a day."""
    return purge_held()
