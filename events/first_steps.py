"""The calendar's first step for a new member (declared on the AppConfig; see kernel/first_steps.py)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from events.models import CalendarFeed


def calendar_step(user) -> dict:
    return {
        "done": CalendarFeed.objects.filter(person=user).exists(),
        "label": _("Subscribe to the calendar feed"),
        "url": reverse("profile_edit") + "#calendar",
    }
