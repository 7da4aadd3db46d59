"""Meeting emails and the ballot clock. Thin tasks: ids in, call a service or send."""

from celery import shared_task
from django.urls import reverse

from assemblies import services
from assemblies.models import Meeting
from defus.lib.emails import absolute_url, send_email

RETRY = {"autoretry_for": (OSError,), "retry_backoff": 30, "retry_backoff_max": 3600, "max_retries": 10}


@shared_task(bind=True, **RETRY)
def send_meeting_invitation(self, meeting_id: int, email: str, language: str) -> None:
    """The invitation with the agenda, in text form (email), to one recipient."""

    meeting = Meeting.objects.select_related("event").filter(pk=meeting_id).first()
    if meeting is None:
        return
    send_email(
        "meeting_invitation",
        to=email,
        language=language,
        context={
            "meeting": meeting,
            "event": meeting.event,
            "agenda": meeting.agenda_items.prefetch_related("resolutions"),
            "meeting_url": absolute_url(reverse("meeting_detail", args=[meeting.pk])),
        },
    )


@shared_task
def close_due_ballots() -> int:
    """Beat task: freeze the result of every online ballot whose window has ended."""
    return services.close_due_ballots()
