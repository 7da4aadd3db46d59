"""A new date poll tells the people it asks, with the proposed dates and the link; not the organiser, and nobody
twice (issue 28)."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.polls import poll_create
from events.tasks import send_poll_opened
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def _dates(*days):
    base = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    return [base + datetime.timedelta(days=d) for d in days]


def test_the_people_asked_are_told(member, django_capture_on_commit_callbacks):
    group = WorkingGroupFactory(name="AG Prävention")
    colleagues = [UserFactory(email=f"kollegin{n}@example.org") for n in range(2)]
    for person in [member, *colleagues]:
        MembershipFactory(group=group, person=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        poll = poll_create(organiser=member, title="Sitzung der AG", group=group, starts=_dates(5, 6))
    assert sorted(message.to[0] for message in mail.outbox) == sorted(p.email for p in colleagues)
    message = mail.outbox[0]
    assert "Sitzung der AG" in message.subject
    assert reverse("poll_detail", args=[poll.pk]) in message.body
    assert member.get_full_name() in message.body  # who asks
    assert message.body.count("\n- ") == 2  # both dates
    mail.outbox.clear()
    poll.closed_at = timezone.now()
    poll.save(update_fields=["closed_at"])
    send_poll_opened(poll.pk)
    assert mail.outbox == []  # a closed poll asks nobody any more
