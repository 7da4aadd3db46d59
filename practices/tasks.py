"""E-mails of the practice register. Thin tasks, retried when SMTP fails."""

from celery import shared_task
from django.urls import reverse

from kernel.emails import absolute_url, send_email
from kernel.tasks import EMAIL_TASK
from practices.models import Uptake
from practices.services import authors


@shared_task(**EMAIL_TASK)
def send_uptake_notice(self, uptake_id: int) -> None:
    """Tells the practice's authors that a member organisation is interested in it or has adopted it."""
    uptake = (
        Uptake.objects.select_related("practice__created_by", "practice__contact_person", "organisation")
        .filter(pk=uptake_id)
        .first()
    )
    if uptake is None:
        return
    practice = uptake.practice
    context = {
        "uptake": uptake,
        "practice": practice,
        "organisation": uptake.organisation.name,
        "practice_url": absolute_url(reverse("practice_detail", args=[practice.pk])),
    }
    for person in authors(practice):
        send_email("practice_uptake", to=person.email, language=person.language, context=context, person=person)
