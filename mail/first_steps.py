"""The digest's first step for a new member (declared on the AppConfig; see kernel/first_steps.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.models import DigestFrequency


def digest_step(user) -> dict:
    return {
        "done": user.digest != DigestFrequency.OFF,
        "label": _("Receive the weekly digest"),
        "url": reverse("digest_preferences"),
    }
