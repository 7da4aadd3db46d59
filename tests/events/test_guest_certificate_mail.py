"""A guest marked present is told once, after the event, that the attendance certificate is ready, with the link
(issue 28); the email is claimed before it goes out, so a task running twice (or in two workers) sends it once."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from events import guests
from events.models import GuestRegistration
from events.tasks import send_certificate_mails, send_certificate_ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def present_and_absent(make_event, django_capture_on_commit_callbacks):
    event = make_event(title="Fachkonferenz Prävention", kind="conference", is_public=True, capacity=10)
    people = []
    for name in ("Gerda Gast", "Otto Abwesend"):
        with django_capture_on_commit_callbacks(execute=True):
            guest = guests.guest_request(
                event=event, name=name, email=f"{name.split()[0].lower()}@example.org", organisation="Uni", role="-"
            )
            people.append(guests.guest_confirm(guest=guest))
    guests.attendance_save(event=event, members=[], guests=[people[0].pk])
    mail.outbox.clear()
    return event, *people


def test_a_present_guest_is_told_once_after_the_event(client, present_and_absent):
    event, present, absent = present_and_absent
    assert send_certificate_mails() == 0  # the event has not ended
    with time_machine.travel(event.end + datetime.timedelta(hours=1)):
        assert send_certificate_mails() == 1
        assert send_certificate_mails() == 0
        (message,) = mail.outbox
        assert message.to == [present.email] and "Teilnahmebescheinigung" in message.subject
        link = reverse("guest_certificate", args=[present.token])
        assert link in message.body and "Gerda Gast" in message.body
        assert not message.attachments  # no calendar entry for an event that is over
        assert client.get(link).status_code == 200  # the link leads to the certificate


def test_a_task_claimed_twice_sends_once(present_and_absent):
    event, present, _absent = present_and_absent
    with time_machine.travel(event.end + datetime.timedelta(hours=1)):
        send_certificate_ready(present.pk)
        send_certificate_ready(present.pk)  # the same task again (a retry, a second worker)
    assert len(mail.outbox) == 1
    assert GuestRegistration.objects.get(pk=present.pk).certificate_mailed_at is not None


def test_a_failed_send_is_tried_again(present_and_absent, monkeypatch):
    event, present, _absent = present_and_absent

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    with time_machine.travel(event.end + datetime.timedelta(hours=1)):
        monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
        with pytest.raises(OSError):
            send_certificate_ready.run(present.pk)
        assert GuestRegistration.objects.get(pk=present.pk).certificate_mailed_at is None
        monkeypatch.undo()
        assert send_certificate_mails() == 1
    assert len(mail.outbox) == 1
