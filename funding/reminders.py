"""Reminders 14 and 3 days before a call's official deadline and an interest's internal deadline.

Each reminder is claimed by inserting its unique key before sending, so a task that runs
twice (or two workers) never sends it twice; a failed send gives the claim back.
"""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from funding.models import Deadline, DeadlineReminder, Interest
from kernel.emails import absolute_url, send_email
from members.models import User


def _recipients(interest: Interest):
    """The contact person; without one, everyone of the organisation."""
    if interest.contact_id and interest.contact.is_active:
        return [interest.contact]
    return list(User.objects.filter(organisation_id=interest.organisation_id, is_active=True))


def _window(remaining: datetime.timedelta) -> int | None:
    """Which reminder a deadline this far away is due for: 14 (3–14 days ahead), 3 (within 3 days), or none."""
    if remaining <= datetime.timedelta(0):
        return None
    if remaining <= datetime.timedelta(days=3):
        return 3
    if remaining <= datetime.timedelta(days=14):
        return 14
    return None


def _due(now) -> list[tuple[Interest, str, datetime.datetime]]:
    interests = list(
        Interest.objects.select_related("call", "contact", "organisation")
        .filter(call__deadlines__at__gt=now)
        .distinct()
    )
    deadlines = {}
    for deadline in Deadline.objects.filter(call__in={i.call_id for i in interests}, at__gt=now):
        deadlines.setdefault(deadline.call_id, []).append(deadline)
    tz = timezone.get_current_timezone()
    due = []
    for interest in interests:
        for deadline in deadlines.get(interest.call_id, []):
            window = _window(deadline.at - now)
            if window:
                due.append((interest, f"official:{deadline.pk}:{window}", deadline.at))
        if interest.internal_deadline:
            moment = datetime.datetime.combine(interest.internal_deadline, datetime.time(23, 59), tzinfo=tz)
            window = _window(moment - now)
            if window:
                due.append((interest, f"internal:{interest.pk}:{interest.internal_deadline}:{window}", moment))
    return due


def send_deadline_reminders(*, now=None) -> int:
    now = now or timezone.now()
    sent = 0
    for interest, key, moment in _due(now):
        for person in _recipients(interest):
            try:
                with transaction.atomic():
                    DeadlineReminder.objects.create(person=person, key=key)
            except IntegrityError:
                continue  # already sent
            try:
                send_email(
                    "deadline_reminder",
                    to=person.email,
                    language=person.language,
                    context={
                        "call": interest.call,
                        "interest": interest,
                        "internal": key.startswith("internal"),
                        "moment": moment,
                        "call_url": absolute_url(reverse("call_detail", args=[interest.call_id])),
                    },
                )
            except Exception:
                DeadlineReminder.objects.filter(person=person, key=key).delete()
                raise
            sent += 1
    return sent
