"""Registration: capacity never exceeded, the waiting list moves up in order, emails go out."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from events.services import registration_cancel, registration_register
from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory


@pytest.mark.django_db(transaction=True)
def test_thirty_at_once_for_ten_seats(postgres, make_event):
    event = make_event(capacity=10)
    people = [UserFactory() for _ in range(30)]
    barrier = threading.Barrier(30)

    def register(person):
        try:
            barrier.wait()
            return registration_register(event=event, person=person).status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(register, people))
    assert statuses.count("registered") == 10 and statuses.count("waitlisted") == 20
    assert Registration.objects.filter(event=event, status="registered").count() == 10

    first_waiting = Registration.objects.filter(event=event, status="waitlisted").order_by("requested_at", "pk").first()
    leaving = Registration.objects.filter(event=event, status="registered").first().person
    mail.outbox.clear()
    registration_cancel(event=event, person=leaving)
    first_waiting.refresh_from_db()
    assert first_waiting.status == "registered"
    assert Registration.objects.filter(event=event, status="registered").count() == 10
    promoted = [m for m in mail.outbox if m.to == [first_waiting.person.email]]
    assert len(promoted) == 1 and any(name.endswith(".ics") for name, *_ in promoted[0].attachments)


@pytest.mark.django_db
def test_confirmation_email_carries_the_calendar_entry(make_event, member, django_capture_on_commit_callbacks):
    event = make_event(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(event=event, person=member)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert event.title in message.subject and "Anmeldung" in message.subject
    name, content, mimetype = message.attachments[0]
    assert name.endswith(".ics") and "BEGIN:VEVENT" in content.decode() if isinstance(content, bytes) else content


@pytest.mark.django_db
def test_registration_closes_at_its_deadline(client, make_event, member):
    event = make_event(registration_closes=timezone.now() - datetime.timedelta(minutes=1))
    client.force_login(member)
    response = client.post(reverse("event_register", args=[event.pk]), {"action": "register"})
    assert response.status_code == 403
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_register_and_cancel_in_the_portal(client, make_event, member):
    event = make_event(capacity=1)
    client.force_login(member)
    client.post(reverse("event_register", args=[event.pk]), {"action": "register", "show": "on"})
    registration = Registration.objects.get()
    assert registration.status == "registered" and registration.show_in_participants
    client.post(reverse("event_register", args=[event.pk]), {"action": "cancel"})
    registration.refresh_from_db()
    assert registration.status == "cancelled"


@pytest.mark.django_db
def test_audience_decides_who_sees_an_event(client, make_event, member, other_member, board):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    group_event = make_event(title="Nur für die AG", audience="group", group=group)
    board_event = make_event(title="Klausur des Vorstands XY", audience="board")
    draft = make_event(title="Entwurf ABC", status="draft")
    client.force_login(other_member)
    listing = client.get(reverse("event_list")).content.decode()
    assert (
        "Nur für die AG" not in listing and "Klausur des Vorstands XY" not in listing and "Entwurf ABC" not in listing
    )
    assert client.get(reverse("event_detail", args=[group_event.pk])).status_code == 404
    client.force_login(member)
    assert client.get(reverse("event_detail", args=[group_event.pk])).status_code == 200
    assert client.get(reverse("event_detail", args=[board_event.pk])).status_code == 404
    client.force_login(board)
    assert client.get(reverse("event_detail", args=[board_event.pk])).status_code == 200
    assert client.get(reverse("event_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_statutory_meetings_show_the_organisations_represented(client, make_event, member, delegate, other_member):
    meeting = make_event(kind="members_meeting", title="Mitgliederversammlung")
    registration_register(event=meeting, person=delegate)
    client.force_login(other_member)
    html = client.get(reverse("event_detail", args=[meeting.pk])).content.decode()
    assert delegate.organisation.name in html and str(delegate) not in html


@pytest.mark.django_db
def test_the_secretariat_exports_participants_and_marks_attendance(client, make_event, member, secretariat):
    event = make_event()
    member.show_email = True
    member.save()
    registration = registration_register(event=event, person=member)
    client.force_login(member)
    assert client.get(reverse("event_participants_csv", args=[event.pk])).status_code == 403
    client.force_login(secretariat)
    csv = client.get(reverse("event_participants_csv", args=[event.pk])).content.decode("utf-8")
    assert csv.startswith("\ufeff") and member.email in csv
    client.post(reverse("event_attendance", args=[event.pk]), {"attended": [registration.pk]})
    registration.refresh_from_db()
    assert registration.attended


@pytest.mark.django_db
def test_minutes_appear_on_the_event_under_their_label(client, make_event, member, board):
    from tests.factories import make_document

    event = make_event(title="Sitzung")
    make_document(label="members", title="Protokoll der Sitzung", event=event)
    make_document(label="board", title="Vorstandsvorlage zur Sitzung", event=event)
    client.force_login(member)
    html = client.get(reverse("event_detail", args=[event.pk])).content.decode()
    assert "Protokoll der Sitzung" in html and "Vorstandsvorlage" not in html
    client.force_login(board)
    assert "Vorstandsvorlage" in client.get(reverse("event_detail", args=[event.pk])).content.decode()


@pytest.mark.django_db
def test_more_seats_promote_the_waiting_list_and_fewer_never_crash(client, make_event, secretariat):
    from events.services import capacity_changed

    event = make_event(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()
    for person in (first, second, third):
        registration_register(event=event, person=person)
    event.capacity = 2
    event.save()
    capacity_changed(event=event)
    assert Registration.objects.get(person=second).status == "registered"
    assert Registration.objects.get(person=third).status == "waitlisted"
    event.capacity = 1
    event.save()
    registration_cancel(event=event, person=first)  # one seat for two registered: nobody moves up
    assert Registration.objects.get(person=third).status == "waitlisted"


@pytest.mark.django_db
def test_the_online_link_is_for_registered_people_only(client, make_event, member, other_member):
    from icalendar import Calendar

    event = make_event(format="online", online_url="https://konferenz.example/geheim", location="")
    registration_register(event=event, person=member)
    client.force_login(other_member)
    assert b"geheim" not in client.get(reverse("event_ics", args=[event.pk])).content
    assert "geheim" not in client.get(reverse("event_detail", args=[event.pk])).content.decode()
    client.force_login(member)
    calendar = Calendar.from_ical(client.get(reverse("event_ics", args=[event.pk])).content)
    assert "geheim" in str(calendar.walk("VEVENT")[0]["LOCATION"]) and str(calendar["METHOD"]) == "PUBLISH"
