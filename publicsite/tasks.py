"""Emails of the public pages; thin: ids in, the row read again, one email out."""

from celery import shared_task
from django.urls import reverse

from kernel.emails import absolute_url, build_email
from kernel.tasks import EMAIL_TASK
from publicsite.models import AccessibilityFeedback, MembershipApplication
from publicsite.services import CONFIRMATION_HOURS


@shared_task(**EMAIL_TASK)
def send_application_email(self, application_id: int, kind: str) -> None:
    """``kind``: "confirm" (the double opt-in link) or "refused" (the board's reason)."""
    application = MembershipApplication.objects.filter(pk=application_id).first()
    if application is None:
        return  # replaced or expired meanwhile
    context = {
        "application": application,
        "hours": CONFIRMATION_HOURS,
        "confirm_url": absolute_url(reverse("membership_confirm", args=[application.confirmation_token])),
        # Nobody by name: the address was typed by whoever filled in the form.
        "recipient": None,
    }
    build_email(
        f"public_application_{kind}",
        to=application.contact_email,
        language=application.language,
        context=context,
        official=kind == "refused",
    ).send()


@shared_task(**EMAIL_TASK)
def send_feedback_answer(self, feedback_id: int) -> None:
    feedback = AccessibilityFeedback.objects.filter(pk=feedback_id).first()
    if feedback is None:
        return
    build_email(
        "public_feedback_answer",
        to=feedback.email,
        language=feedback.language,
        context={"feedback": feedback, "statement_url": absolute_url(reverse("barrierefreiheit")), "recipient": None},
        official=True,
    ).send()
