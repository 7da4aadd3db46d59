"""Guests at public events: the public pages, double opt-in on the members' seats and waiting list,
duplicates, abuse limits, the door list, badges, certificates and the deletion after the event."""

import base64
import datetime
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events import guests
from events.models import AttendanceCertificate, GuestRegistration, Registration
from events.services import registration_cancel, registration_register
from members.models import AuditEntry
from tests.factories import UserFactory, make_document

FORM = {
    "name": "Petra Gast",
    "email": "petra.gast@example.org",
    "organisation": "Polizeipräsidium Essen",
    "role": "Kriminalprävention",
    "needs": "vegetarisch",
    "consent": "on",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_event(make_event):
    def make(**fields):
        fields.setdefault("title", "Fachkonferenz Prävention")
        fields.setdefault("kind", "conference")
        return make_event(is_public=True, **fields)

    return make


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Emails are queued on commit; run them at once."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def _register(client, event, run_on_commit, ip="10.0.0.1", **fields):
    return run_on_commit(
        client.post, reverse("public_event_detail", args=[event.pk]), {**FORM, **fields}, REMOTE_ADDR=ip
    )


def _confirm_link(message) -> str:
    return re.search(r"https?://\S+(/veranstaltungen/gast/bestaetigen/\S+/)", message.body).group(1)


def _personal_link(message) -> str:
    return re.search(r"https?://\S+(/veranstaltungen/gast/[\w-]+/)\s", message.body).group(1)


def _confirmed_guest(event, run_on_commit, email="gast@example.org", name="Gast"):
    guest = run_on_commit(
        guests.guest_request, event=event, name=name, email=email, organisation="Uni", role="Forschung"
    )
    return run_on_commit(guests.guest_confirm, guest=guest)


# --- Public pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_shows_public_events_without_sign_in_and_keeps_members_events_private(client, make_event, public_event):
    conference = public_event(description="Für alle Interessierten", speakers="Dr. Anna Beispiel\nMarkus Muster")
    conference.agenda.create(starts_at=datetime.time(9, 30), title="Forschungsstand", speaker="Dr. Anna Beispiel")
    private = make_event(title="Vorstandsklausur intern")
    public_doc = make_document(label="public", title="Programmheft", event=conference)
    members_doc = make_document(label="members", title="Interne Notizen", event=conference)

    home = client.get(reverse("home"))
    assert reverse("public_event_list").encode() in home.content
    listing = client.get(reverse("public_event_list"))
    assert listing.status_code == 200
    assert conference.title in listing.text and private.title not in listing.text

    page = client.get(reverse("public_event_detail", args=[conference.pk]))
    assert page.status_code == 200
    for text in ("Forschungsstand", "Markus Muster", "Programmheft", reverse("public_event_ics", args=[conference.pk])):
        assert text in page.text
    assert "Interne Notizen" not in page.text
    assert client.get(reverse("document_download", args=[public_doc.pk])).status_code == 200
    assert client.get(reverse("document_download", args=[members_doc.pk])).status_code == 404

    assert client.get(reverse("public_event_detail", args=[private.pk])).status_code == 404
    assert client.get(reverse("public_event_ics", args=[private.pk])).status_code == 404
    ics = client.get(reverse("public_event_ics", args=[conference.pk]))
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content
    assert f"/veranstaltungen/oeffentlich/{conference.pk}/".encode() in ics.content


@pytest.mark.django_db
def test_a_draft_public_event_is_not_shown(client, public_event):
    draft = public_event(status="draft")
    assert client.get(reverse("public_event_detail", args=[draft.pk])).status_code == 404


@pytest.mark.django_db
def test_public_pages_need_the_same_number_of_queries_whatever_the_data(
    client, public_event, django_assert_max_num_queries, run_on_commit
):
    event = public_event(capacity=50)
    for number in range(3):
        public_event(title=f"Workshop {number}")
    with django_assert_max_num_queries(6):
        client.get(reverse("public_event_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("public_event_detail", args=[event.pk]))
    for number in range(10):
        public_event(title=f"Weiterer Workshop {number}")
        event.agenda.create(starts_at=datetime.time(9 + number % 8), title=f"Punkt {number}")
        _confirmed_guest(event, run_on_commit, email=f"g{number}@example.org")
    with django_assert_max_num_queries(6):
        client.get(reverse("public_event_list"))
    with django_assert_max_num_queries(8):
        client.get(reverse("public_event_detail", args=[event.pk]))


# --- Double opt-in --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_guest_registers_confirms_and_gets_the_calendar_and_a_personal_link(client, public_event, run_on_commit):
    event = public_event(capacity=5)
    response = _register(client, event, run_on_commit)
    assert response.status_code == 302
    guest = GuestRegistration.objects.get()
    assert guest.status == "pending" and guest.requested_at is None and guest.needs == "vegetarisch"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["petra.gast@example.org"]
    assert not mail.outbox[0].attachments  # no seat yet, so no calendar entry
    link = _confirm_link(mail.outbox[0])

    page = client.get(link)
    assert page.status_code == 200 and "Fachkonferenz Prävention" in page.text
    guest.refresh_from_db()
    assert guest.status == "pending"  # opening the link (a mail scanner) confirms nothing
    mail.outbox.clear()
    response = run_on_commit(client.post, link)
    guest.refresh_from_db()
    assert guest.status == "registered" and response["Location"] == guest.get_absolute_url()
    message = mail.outbox[0]
    assert "Anmeldung bestätigt" in message.subject
    name, content, _mimetype = message.attachments[0]
    assert name.endswith(".ics") and "BEGIN:VEVENT" in (content if isinstance(content, str) else content.decode())
    assert _personal_link(message) == guest.get_absolute_url()

    personal = client.get(guest.get_absolute_url())
    assert personal.status_code == 200 and "Petra Gast" in personal.text and "Angemeldet" in personal.text
    # Confirming again changes nothing and sends nothing.
    mail.outbox.clear()
    run_on_commit(client.post, link)
    assert mail.outbox == [] and GuestRegistration.objects.get().status == "registered"


@pytest.mark.django_db
def test_an_unconfirmed_request_takes_no_seat(client, public_event, member, run_on_commit):
    event = public_event(capacity=1)
    _register(client, event, run_on_commit)
    assert registration_register(event=event, person=member).status == "registered"
    link = _confirm_link(mail.outbox[0])
    run_on_commit(client.post, link)
    assert GuestRegistration.objects.get().status == "waitlisted"
    assert "Warteliste" in mail.outbox[-1].subject and not mail.outbox[-1].attachments


@pytest.mark.django_db
def test_the_confirmation_link_expires_after_48_hours_and_the_request_is_deleted(client, public_event, run_on_commit):
    event = public_event(capacity=5, start=timezone.now() + datetime.timedelta(days=20))
    _register(client, event, run_on_commit)
    link = _confirm_link(mail.outbox[0])
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=49)):
        assert client.get(link).status_code == 404
        assert client.post(link).status_code == 404
        assert GuestRegistration.objects.get().status == "pending"
        assert guests.guests_purge() == 1
    assert not GuestRegistration.objects.exists()


@pytest.mark.django_db
def test_a_forged_confirmation_link_finds_nothing(client, public_event, run_on_commit):
    event = public_event()
    _register(client, event, run_on_commit)
    link = _confirm_link(mail.outbox[0])
    assert client.get(link[:-3] + "xx/").status_code == 404
    assert client.get(reverse("guest_registration", args=["nope"])).status_code == 404
    # A pending registration has no personal page yet.
    assert client.get(GuestRegistration.objects.get().get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_the_same_address_twice_is_one_registration_and_gets_its_personal_link_again(
    client, public_event, run_on_commit
):
    event = public_event(capacity=5)
    first = _register(client, event, run_on_commit)
    run_on_commit(client.post, _confirm_link(mail.outbox[0]))
    guest = GuestRegistration.objects.get()
    mail.outbox.clear()
    second = _register(client, event, run_on_commit, name="Jemand Anderes", email="PETRA.Gast@Example.org")
    assert GuestRegistration.objects.count() == 1
    guest.refresh_from_db()
    assert guest.name == "Petra Gast" and guest.status == "registered"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["petra.gast@example.org"]
    assert _personal_link(mail.outbox[0]) == guest.get_absolute_url()
    # The visitor learns nothing about whether the address was known.
    assert first.status_code == second.status_code == 302
    messages = [client.get(first["Location"]).text for _ in range(1)]
    assert "Vielen Dank" in messages[0]


@pytest.mark.django_db
def test_a_new_request_for_a_pending_address_replaces_its_data_and_link(client, public_event, run_on_commit):
    """Whoever typed the address first does not decide the name on the badge: the latest request counts, and only
    its link confirms (issue 33)."""
    event = public_event(capacity=5)
    _register(client, event, run_on_commit, name="Falscher Name", organisation="Irgendwo", role="Spaß")
    first = GuestRegistration.objects.get()
    first_link, first_token = _confirm_link(mail.outbox[0]), first.token
    _register(client, event, run_on_commit, email="Petra.Gast@example.org")
    assert GuestRegistration.objects.count() == 1
    assert len(mail.outbox) == 2 and all("/bestaetigen/" in m.body for m in mail.outbox)
    guest = GuestRegistration.objects.get()
    assert (guest.name, guest.organisation) == ("Petra Gast", "Polizeipräsidium Essen") and guest.role == FORM["role"]
    assert guest.token != first_token and guest.status == "pending"
    # The first mail's link confirms nothing any more; the second one confirms the second request's data.
    assert client.get(first_link).status_code == 404
    assert run_on_commit(client.post, first_link).status_code == 404
    link = _confirm_link(mail.outbox[1])
    page = client.get(link).text
    assert "Petra Gast" in page and "Polizeipräsidium Essen" in page and "Falscher Name" not in page
    run_on_commit(client.post, link)
    guest.refresh_from_db()
    assert guest.status == "registered" and guest.name == "Petra Gast"


@pytest.mark.django_db
def test_the_confirmation_mail_does_not_repeat_what_someone_typed(client, public_event, run_on_commit):
    """Anyone can type any address: until its owner confirms, the mail greets them without the typed name."""
    event = public_event(capacity=5)
    _register(client, event, run_on_commit, name="Kaufen Sie bei spam.example", organisation="Werbung")
    confirmation = mail.outbox[0]
    html = confirmation.alternatives[0][0] if confirmation.alternatives else ""
    for text in (confirmation.subject, confirmation.body, html):
        assert "spam.example" not in text and "Werbung" not in text
    # Once confirmed, the name is the guest's own, and the mails use it.
    run_on_commit(client.post, _confirm_link(confirmation))
    assert "Kaufen Sie bei spam.example" in mail.outbox[-1].body


@pytest.mark.django_db
def test_the_confirmation_link_carries_a_random_secret_and_no_readable_data(client, public_event, run_on_commit):
    event = public_event(capacity=5)
    _register(client, event, run_on_commit)
    guest = GuestRegistration.objects.get()
    secret = _confirm_link(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    assert secret == guest.confirmation_token and len(secret) >= 40
    # Nothing in it decodes to the registration: no number, no part of the personal link's secret.
    decoded = base64.urlsafe_b64decode(secret + "=" * (-len(secret) % 4))
    assert guest.token[:10].encode() not in decoded and b'"g"' not in decoded
    assert ":" not in secret  # not a Django signature (value:signature)


# --- Abuse ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_form_is_limited_per_ip_address(client, public_event, run_on_commit, settings):
    settings.GUEST_REGISTRATION_RATE_LIMIT = 5
    event = public_event(capacity=50)
    for number in range(5):
        assert _register(client, event, run_on_commit, email=f"p{number}@example.org").status_code == 302
    response = _register(client, event, run_on_commit, email="p9@example.org")
    assert response.status_code == 429 and "Zu viele Anmeldungen" in response.text
    assert GuestRegistration.objects.count() == 5
    # Another network is not affected.
    assert _register(client, event, run_on_commit, ip="10.0.0.2", email="p9@example.org").status_code == 302


@pytest.mark.django_db
def test_the_form_is_limited_per_email_address(client, public_event, run_on_commit, settings):
    settings.GUEST_REGISTRATION_RATE_LIMIT = 5
    event = public_event(capacity=50)
    for number in range(5):
        _register(client, event, run_on_commit, ip=f"10.0.1.{number}", email="Viel@example.org")
    assert len(mail.outbox) == 5
    response = _register(client, event, run_on_commit, ip="10.0.1.99", email="viel@EXAMPLE.org")
    assert response.status_code == 429 and len(mail.outbox) == 5


@pytest.mark.django_db
def test_the_honeypot_stores_and_sends_nothing_but_answers_as_usual(client, public_event, run_on_commit):
    event = public_event()
    response = _register(client, event, run_on_commit, website="http://spam.example")
    assert response.status_code == 302 and "Vielen Dank" in client.get(response["Location"]).text
    assert not GuestRegistration.objects.exists() and mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "email_error", "consent_error"),
    [
        ("de", "Bitte gültige E-Mail-Adresse eingeben", "Bitte stimmen Sie der Verarbeitung"),
        ("en", "Enter a valid email address", "Please agree to the processing"),
    ],
)
def test_bad_input_is_explained_in_the_visitors_language_and_nothing_is_stored(
    client, public_event, run_on_commit, language, email_error, consent_error
):
    event = public_event()
    client.cookies["django_language"] = language
    form = {**FORM, "email": "kein-at-zeichen"}
    del form["consent"]
    response = run_on_commit(client.post, reverse("public_event_detail", args=[event.pk]), form)
    assert response.status_code == 400
    assert email_error in response.text and consent_error in response.text
    assert 'aria-invalid="true"' in response.text
    assert not GuestRegistration.objects.exists() and mail.outbox == []


@pytest.mark.django_db
def test_a_closed_registration_takes_no_guest(client, public_event, run_on_commit):
    event = public_event(registration_closes=timezone.now() - datetime.timedelta(hours=1))
    response = _register(client, event, run_on_commit)
    assert response.status_code == 400 and 'name="consent"' not in response.text
    assert not GuestRegistration.objects.exists()


# --- Shared seats and waiting list ----------------------------------------------------------------


@pytest.mark.django_db
def test_members_and_guests_share_the_waiting_list_in_order(public_event, member, other_member, run_on_commit):
    event = public_event(capacity=1)
    registration_register(event=event, person=member)
    guest = _confirmed_guest(event, run_on_commit)
    assert guest.status == "waitlisted"
    late_member = run_on_commit(registration_register, event=event, person=other_member)
    assert late_member.status == "waitlisted"

    mail.outbox.clear()
    run_on_commit(registration_cancel, event=event, person=member)
    guest.refresh_from_db()
    late_member.refresh_from_db()
    assert guest.status == "registered" and late_member.status == "waitlisted"
    promoted = [m for m in mail.outbox if m.to == [guest.email]]
    assert len(promoted) == 1 and any(name.endswith(".ics") for name, *_ in promoted[0].attachments)

    run_on_commit(guests.guest_cancel, guest=guest)
    late_member.refresh_from_db()
    assert late_member.status == "registered"


@pytest.mark.django_db(transaction=True)
def test_thirty_confirmations_at_once_for_ten_seats(postgres, public_event):
    event = public_event(capacity=10)
    pending = [
        guests.guest_request(event=event, name=f"Gast {n}", email=f"g{n}@example.org", organisation="O", role="R")
        for n in range(30)
    ]
    barrier = threading.Barrier(30)

    def confirm(guest):
        try:
            barrier.wait()
            return guests.guest_confirm(guest=guest).status
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(confirm, pending))
    assert statuses.count("registered") == 10 and statuses.count("waitlisted") == 20
    assert GuestRegistration.objects.filter(event=event, status="registered").count() == 10
    # A member now finds the event full too.
    assert registration_register(event=event, person=UserFactory()).status == "waitlisted"


# --- Organisers -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_organiser_marks_members_and_guests_present_at_the_door(
    client, public_event, secretariat, member, run_on_commit
):
    event = public_event(capacity=10)
    registration = registration_register(event=event, person=member)
    guest = _confirmed_guest(event, run_on_commit, name="Gerda Gast")
    client.force_login(secretariat)
    page = client.get(reverse("event_door", args=[event.pk]))
    assert page.status_code == 200 and "Gerda Gast" in page.text and str(member) in page.text
    client.post(reverse("event_door", args=[event.pk]), {"member": [registration.pk], "guest": [guest.pk]})
    registration.refresh_from_db()
    guest.refresh_from_db()
    assert registration.attended and guest.attended
    client.post(reverse("event_door", args=[event.pk]), {"guest": [guest.pk]})
    registration.refresh_from_db()
    assert not registration.attended


@pytest.mark.django_db
def test_the_door_list_needs_the_same_queries_whatever_the_number_of_people(
    client, public_event, secretariat, run_on_commit, django_assert_max_num_queries
):
    event = public_event(capacity=100)
    client.force_login(secretariat)
    _confirmed_guest(event, run_on_commit)
    with django_assert_max_num_queries(20):
        client.get(reverse("event_door", args=[event.pk]))
    for number in range(10):
        registration_register(event=event, person=UserFactory())
        _confirmed_guest(event, run_on_commit, email=f"x{number}@example.org")
    with django_assert_max_num_queries(20):
        client.get(reverse("event_door", args=[event.pk]))


@pytest.mark.django_db
def test_members_may_not_see_the_door_list_or_badges(client, public_event, member):
    event = public_event()
    client.force_login(member)
    assert client.get(reverse("event_door", args=[event.pk])).status_code == 403
    assert client.get(reverse("event_badges", args=[event.pk])).status_code == 403


@pytest.mark.django_db
def test_the_participants_csv_holds_members_and_guests_for_german_excel(
    client, public_event, secretariat, member, run_on_commit
):
    event = public_event(capacity=10)
    registration_register(event=event, person=member)
    _confirmed_guest(event, run_on_commit, name="=Gerda Gast")
    client.force_login(secretariat)
    response = client.get(reverse("event_participants_csv", args=[event.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and ";" in text
    assert str(member) in text and "'=Gerda Gast" in text and "Gast" in text


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.django_db
def test_badges_hold_the_names_and_organisations(client, public_event, secretariat, member, run_on_commit):
    event = public_event(capacity=10)
    registration_register(event=event, person=member)
    _confirmed_guest(event, run_on_commit, name="Gerda Gast")
    client.force_login(secretariat)
    response = client.get(reverse("event_badges", args=[event.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Gerda Gast" in text and str(member) in text and "Stadt Essen" in text and "Uni" in text


@pytest.mark.django_db
def test_a_present_guest_downloads_a_certificate_that_can_be_checked(client, public_event, run_on_commit):
    event = public_event(capacity=10, certificate_hours=6)
    guest = _confirmed_guest(event, run_on_commit, name="Gerda Gast")
    url = reverse("guest_certificate", args=[guest.token])
    assert client.get(url).status_code == 404  # not (yet) marked present
    guests.attendance_save(event=event, members=[], guests=[guest.pk])
    assert client.get(url).status_code == 404  # the event has not begun
    with time_machine.travel(event.start + datetime.timedelta(hours=1)):
        assert "teilnahmebescheinigung" in client.get(guest.get_absolute_url()).text
        response = client.get(url)
        again = client.get(url)
    text = _pdf_text(response.content)
    certificate = AttendanceCertificate.objects.get()
    assert "Teilnahmebescheinigung" in text and "Gerda Gast" in text and event.title in text
    assert "6 Stunden" in text and certificate.code in text and "Unterschrift" in text
    assert certificate.code in _pdf_text(again.content) and AttendanceCertificate.objects.count() == 1

    check = client.get(reverse("certificate_verify"), {"code": certificate.code.lower().replace("-", " ")})
    assert check.status_code == 200 and "Gerda Gast" in check.text and "echt" in check.text
    wrong = client.get(reverse("certificate_verify"), {"code": "AAAA-AAAA-AAAA"})
    assert "Gerda Gast" not in wrong.text and "Keine Bescheinigung" in wrong.text


@pytest.mark.django_db
def test_invisible_format_characters_never_reach_a_certificate(client, public_event, run_on_commit):
    """A right-to-left override printed "Gerda Gastexe.png" for a typed "Gerda Gast\u202egnp.exe" (issue 33)."""
    event = public_event(capacity=10)
    _register(client, event, run_on_commit, name="Gerda\u200b Gast\u202egnp.exe", organisation="\u2067Uni\u2069")
    run_on_commit(client.post, _confirm_link(mail.outbox[0]))
    guest = GuestRegistration.objects.get()
    assert (guest.name, guest.organisation) == ("Gerda Gastgnp.exe", "Uni")
    guests.attendance_save(event=event, members=[], guests=[guest.pk])
    with time_machine.travel(event.start + datetime.timedelta(hours=1)):
        client.get(reverse("guest_certificate", args=[guest.token]))
    assert AttendanceCertificate.objects.get().name == "Gerda Gastgnp.exe"
    # Nor one issued from a service or the admin with such a name.
    certificate = AttendanceCertificate.objects.get()
    certificate.name = "Gerda\u202e Gast"
    certificate.save()
    certificate.refresh_from_db()
    assert certificate.name == "Gerda Gast"


@pytest.mark.django_db
def test_a_present_member_downloads_the_certificate_from_the_event_page(client, public_event, member, other_member):
    event = public_event(start=timezone.now() - datetime.timedelta(hours=2), end=timezone.now())
    Registration.objects.create(event=event, person=member, status="registered", attended=True)
    Registration.objects.create(event=event, person=other_member, status="registered", attended=False)
    client.force_login(member)
    page = client.get(reverse("event_detail", args=[event.pk]))
    url = reverse("event_certificate", args=[event.pk])
    assert url in page.text
    assert str(member) in _pdf_text(client.get(url).content)
    client.force_login(other_member)
    assert client.get(url).status_code == 404


def test_pdfs_never_fetch_from_other_hosts(tmp_path):
    from kernel.pdf import STATIC_DIR, _local_fetcher

    fetcher = _local_fetcher()
    for url in ("http://127.0.0.1:9/logo.png", "https://example.org/x.css", f"file://{tmp_path}/secret.txt"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    fetcher.fetch((STATIC_DIR / "img" / "logo.svg").as_uri())
    # A remote image in the HTML is left out, not loaded.
    assert _pdf_text_from('<img src="http://127.0.0.1:9/x.png"><p>ok</p>') == "ok"


def _pdf_text_from(html: str) -> str:
    from weasyprint import HTML

    from kernel.pdf import STATIC_DIR, _local_fetcher

    return _pdf_text(HTML(string=html, base_url=STATIC_DIR.as_uri(), url_fetcher=_local_fetcher()).write_pdf()).strip()


# --- Privacy --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_guests_data_is_deleted_after_the_retention_period_and_logged(public_event, run_on_commit, settings):
    from events.tasks import purge_guest_data

    settings.GUEST_RETENTION_DAYS = 90
    event = public_event(capacity=10, certificate_hours=6)
    guest = _confirmed_guest(event, run_on_commit, name="Gerda Gast")
    guests.attendance_save(event=event, members=[], guests=[guest.pk])
    from events.certificates import certificate_for

    certificate = certificate_for(event=event, holder=f"g{guest.pk}", name=guest.name)
    with time_machine.travel(event.end + datetime.timedelta(days=89)):
        assert purge_guest_data() == 0
        assert GuestRegistration.objects.filter(pk=guest.pk).exists()
    with time_machine.travel(event.end + datetime.timedelta(days=91)):
        assert purge_guest_data() == 1
    assert not GuestRegistration.objects.exists()
    certificate.refresh_from_db()
    assert certificate.name == "Gerda Gast" and certificate.event == event and certificate.holder == ""
    entry = AuditEntry.objects.get(action="events.guests_deleted")
    assert entry.target_id == str(event.pk) and entry.changes["guests"] == {"from": "1", "to": "0"}


@pytest.mark.django_db
def test_the_privacy_page_tells_guests_about_the_deletion(client, settings):
    settings.GUEST_RETENTION_DAYS = 90
    german = client.get(reverse("datenschutz"))
    assert "Gäste öffentlicher Veranstaltungen" in german.text and "90 Tage nach der Veranstaltung" in german.text
    client.cookies["django_language"] = "en"
    english = client.get(reverse("datenschutz"))
    assert "Guests at public events" in english.text and "90 days after the event" in english.text


@pytest.mark.django_db
def test_members_pages_count_confirmed_guests_in_the_seats(client, public_event, member, run_on_commit):
    event = public_event(capacity=3)
    _confirmed_guest(event, run_on_commit)
    _confirmed_guest(event, run_on_commit, email="zweiter@example.org")
    guests.guest_request(event=event, name="Offen", email="offen@example.org", organisation="O", role="R")
    client.force_login(member)
    assert "2 von 3 Plätzen belegt" in client.get(reverse("event_detail", args=[event.pk])).text
    assert "2 von 3 Plätzen belegt" in client.get(reverse("event_list")).text


@pytest.mark.django_db
def test_guests_are_told_when_the_event_changes(public_event, run_on_commit):
    from events.services import event_changed

    event = public_event(capacity=5)
    guest = _confirmed_guest(event, run_on_commit)
    guests.guest_request(event=event, name="Offen", email="offen@example.org", organisation="O", role="R")
    mail.outbox.clear()
    event.location = "Rathaus Bochum"
    run_on_commit(event_changed, event=event)
    assert [m.to for m in mail.outbox] == [[guest.email]]
    assert "Rathaus Bochum" in mail.outbox[0].body and "Geändert" in mail.outbox[0].subject
    name, content, _mimetype = mail.outbox[0].attachments[0]
    assert "SEQUENCE:1" in (content if isinstance(content, str) else content.decode())
