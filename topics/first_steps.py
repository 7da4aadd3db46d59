"""The working groups' first step for a new member (declared on the AppConfig; see kernel/first_steps.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from topics.models import Follow


def follow_step(user) -> dict:
    return {
        "done": Follow.objects.filter(person=user).exists(),
        "label": _("Choose the working groups you follow"),
        "url": reverse("digest_preferences"),
    }
