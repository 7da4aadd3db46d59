"""Reminders two days ahead, one per person, never twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from events.services import registration_register
from events.tasks import send_due_reminders
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once_even_if_the_task_runs_twice(make_event):
    soon = make_event(title="Bald", start=timezone.now() + datetime.timedelta(hours=30))
    later = make_event(title="Später", start=timezone.now() + datetime.timedelta(days=5))
    people = [UserFactory() for _ in range(3)]
    for person in people:
        registration_register(event=soon, person=person)
        registration_register(event=later, person=person)
    mail.outbox.clear()
    assert send_due_reminders() == 3
    assert send_due_reminders() == 0
    reminders = [m for m in mail.outbox if "Erinnerung" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted(p.email for p in people)
    assert all("Bald" in m.subject for m in reminders)
