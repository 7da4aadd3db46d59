"""An SMTP failure halfway through a notification retries only what failed: nobody gets a message twice.

Notifications to several people fan out into one retried task per recipient. Here each queued task
is run as a worker would; the one whose connection dropped is retried by Celery (autoretry).
"""

from unittest import mock

import pytest
from django.core import mail

from events.models import Registration
from events.services import event_changed
from tests import mailers
from tests.factories import MandateFactory, MembershipFactory, UserFactory, WorkingGroupFactory


@pytest.fixture
def flaky(db, settings):
    mailers.use(settings, "FlakyBackend")
    yield mailers.FlakyBackend
    mailers.FlakyBackend.fail_once_for = set()


def capturing(queued: list):
    """enqueue() puts (task, args) on ``queued`` instead of publishing (as if after commit)."""
    return mock.patch("kernel.tasks._publish_or_keep", lambda task, args, kwargs: queued.append((task, args)))


def queued_by(action, django_capture_on_commit_callbacks) -> list:
    queued = []
    with capturing(queued), django_capture_on_commit_callbacks(execute=True):
        action()
    return queued


def run_as_worker(queued: list, django_capture_on_commit_callbacks) -> None:
    """Run queued tasks like a worker; Celery retries a failed one (autoretry) before it reports."""
    while queued:
        task, args = queued.pop(0)
        with capturing(queued), django_capture_on_commit_callbacks(execute=True):
            result = task.apply(args=args, throw=False)
        assert result.successful(), result.traceback


def test_an_event_change_reaches_everyone_once_despite_a_dropped_connection(
    make_event, flaky, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    event = make_event(title="AG-Treffen")
    people = [UserFactory(email=f"teilnahme{n}@example.org") for n in range(3)]
    for person in people:
        Registration.objects.create(event=event, person=person, status=Registration.Status.REGISTERED)
    flaky.fail_once_for = {"teilnahme1@example.org"}  # the connection drops while writing to the second
    event.location = "Rathaus, Saal 3"
    run_as_worker(queued_by(lambda: event_changed(event=event), capture), capture)
    assert flaky.fail_once_for == set()  # the drop happened
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_a_membership_request_reaches_each_lead_once(flaky, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    from members.models import Role
    from topics.services import group_join

    group = WorkingGroupFactory(name="Lagebild", join_policy="request")
    leads = [UserFactory(email=f"leitung{n}@example.org") for n in range(2)]
    for lead in leads:
        MandateFactory(role=Role.WORKING_GROUP_LEAD, person=lead, working_group=group)
        MembershipFactory(group=group, person=lead)
    flaky.fail_once_for = {"leitung0@example.org"}
    newcomer = UserFactory(email="neu@example.org")
    run_as_worker(queued_by(lambda: group_join(group=group, person=newcomer), capture), capture)
    assert flaky.fail_once_for == set()
    assert sorted(m.to[0] for m in mail.outbox) == ["leitung0@example.org", "leitung1@example.org"]
