"""Full events say so before anyone registers; a waiting person sees their place; a place on the waiting list
books no time in a calendar (no confirmed .ics) until the person moves up."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from events import guests
from events.selectors import waitlist_position
from events.services import event_changed, registration_cancel, registration_register
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def de(msgid: str, **values) -> str:
    """German once the new msgids are in the catalogue ("ausgebucht – Warteliste", JOIN,
    "Platz N auf der Warteliste"); until then the page shows the English source, and so does this."""
    with translation.override("de"):
        return translation.gettext(msgid) % values if values else translation.gettext(msgid)


FULL = de("full – waiting list")
JOIN = de("Join the waiting list")


OPENS = de("It opens on %(date)s.", date="|").split("|")[0]


def place(n: int) -> str:
    return de("Place %(position)s on the waiting list", position=n)


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def _guest(event, run_on_commit, email):
    guest = run_on_commit(guests.guest_request, event=event, name="Gast", email=email, organisation="Uni", role="X")
    return run_on_commit(guests.guest_confirm, guest=guest)


def _ics(message) -> str:
    (attachment,) = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return content.decode() if isinstance(content, bytes) else content


def test_it_says_full_on_every_list_and_page_before_anyone_registers(client, member, make_event):
    full = make_event(title="Volle Konferenz", kind="conference", capacity=1, is_public=True)
    roomy = make_event(title="Freie Konferenz", kind="conference", capacity=5, is_public=True)
    registration_register(event=full, person=UserFactory())
    registration_register(event=roomy, person=UserFactory())

    public_list = client.get(reverse("public_event_list")).text
    assert public_list.count(FULL) == 1 and public_list.index(FULL) > public_list.index("Volle Konferenz")
    public_page = client.get(reverse("public_event_detail", args=[full.pk])).text
    assert FULL in public_page and JOIN in public_page and "Anmeldung absenden" not in public_page
    roomy_page = client.get(reverse("public_event_detail", args=[roomy.pk])).text
    assert FULL not in roomy_page and "Anmeldung absenden" in roomy_page

    client.force_login(member)
    listing = client.get(reverse("event_list")).text
    assert listing.count(FULL) == 1
    detail = client.get(reverse("event_detail", args=[full.pk])).text
    assert FULL in detail and JOIN in detail and ">Anmelden<" not in detail
    assert FULL not in client.get(reverse("event_detail", args=[roomy.pk])).text


def test_a_waiting_member_and_guest_see_their_place_in_the_one_waiting_list(client, member, make_event, run_on_commit):
    event = make_event(kind="conference", capacity=1, is_public=True)
    registration_register(event=event, person=UserFactory())
    guest = _guest(event, run_on_commit, "erste@example.org")
    assert guest.status == "waitlisted"

    client.force_login(member)
    client.post(reverse("event_register", args=[event.pk]), {"action": "register"})
    page = client.get(reverse("event_detail", args=[event.pk])).text
    assert place(2) in page and FULL not in page
    assert place(1) in client.get(guest.get_absolute_url()).text
    listing = client.get(reverse("event_list")).text
    assert "Auf der Warteliste" in listing and FULL not in listing

    # The first moves up: everyone behind gains a place.
    run_on_commit(guests.guest_cancel, guest=guest)
    assert place(1) in client.get(reverse("event_detail", args=[event.pk])).text


def test_a_guest_before_a_member_at_the_same_moment_as_the_waiting_list_moves(member, make_event, run_on_commit):
    event = make_event(kind="conference", capacity=1, is_public=True)
    registration_register(event=event, person=UserFactory())
    waiting_member = registration_register(event=event, person=member)
    guest = _guest(event, run_on_commit, "gast@example.org")
    guest.requested_at = waiting_member.requested_at
    guest.save(update_fields=["requested_at"])
    assert waitlist_position(guest) == 1 and waitlist_position(waiting_member) == 2


def test_the_waiting_list_mail_books_no_time_and_moving_up_sends_the_confirmed_entry(member, make_event, run_on_commit):
    event = make_event(capacity=1)
    seated = UserFactory()
    run_on_commit(registration_register, event=event, person=seated)
    mail.outbox.clear()
    run_on_commit(registration_register, event=event, person=member)
    (waiting,) = mail.outbox
    assert "Warteliste" in waiting.subject and place(1) in waiting.body
    assert not [a for a in waiting.attachments if a[0].endswith(".ics")]

    # A change reaches a waiting person's calendar as tentative, never as booked.
    mail.outbox.clear()
    run_on_commit(event_changed, event=event)
    (changed,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "STATUS:TENTATIVE" in _ics(changed) and "STATUS:CONFIRMED" not in _ics(changed)

    mail.outbox.clear()
    run_on_commit(registration_cancel, event=event, person=seated)
    (promoted,) = [m for m in mail.outbox if m.to == [member.email]]
    assert "STATUS:CONFIRMED" in _ics(promoted)


def test_a_waiting_guest_gets_no_confirmed_calendar_entry(make_event, run_on_commit):
    event = make_event(kind="conference", capacity=1, is_public=True)
    registration_register(event=event, person=UserFactory())
    mail.outbox.clear()
    guest = _guest(event, run_on_commit, "gast@example.org")
    waiting = mail.outbox[-1]
    assert guest.status == "waitlisted" and place(1) in waiting.body
    assert not waiting.attachments
    mail.outbox.clear()
    run_on_commit(event_changed, event=event)
    (changed,) = [m for m in mail.outbox if m.to == ["gast@example.org"]]
    assert "STATUS:TENTATIVE" in _ics(changed)


def test_the_event_page_calendar_file_is_tentative_for_a_waiting_member(client, member, make_event):
    event = make_event(capacity=1)
    registration_register(event=event, person=UserFactory())
    registration_register(event=event, person=member)
    client.force_login(member)
    assert b"STATUS:TENTATIVE" in client.get(reverse("event_ics", args=[event.pk])).content


def test_a_closed_registration_says_whether_it_opens_later_and_when(client, member, make_event):
    now = timezone.now()
    opens = timezone.localtime(now + datetime.timedelta(days=3)).replace(hour=10, minute=0, second=0, microsecond=0)
    later = make_event(kind="conference", is_public=True, registration_opens=opens)
    over = make_event(kind="conference", is_public=True, registration_closes=now - datetime.timedelta(hours=1))
    client.force_login(member)
    for name in ("event_detail", "public_event_detail"):
        page = client.get(reverse(name, args=[later.pk])).text
        assert de("Registration is not open.") + " " + OPENS in page
        assert f"{opens.day}." in page and "10:00" in page
        page = client.get(reverse(name, args=[over.pk])).text
        assert "Die Anmeldung zu dieser Veranstaltung ist geschlossen." in page
        assert OPENS not in page
