"""Issue 20: NUL bytes, plain-text mail, personal pages kept out of caches."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import CalendarFeed, Registration
from events.services import registration_register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/kalender/%00.ics",
        "/einladung/%00/",
        "/wochenueberblick/abbestellen/%00/",
        "/verzeichnis/a%00b/",
        "/arbeitsgruppen/a%00/",
    ],
)
def test_a_nul_byte_in_an_address_is_not_found_not_a_server_error(client, member, path):
    assert client.get(path).status_code == 404
    client.force_login(member)
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/bibliothek/?q=%00", "/verzeichnis/?q=a%00b", "/veranstaltungen/?kind=%00"])
def test_a_nul_byte_in_a_filter_is_ignored(client, member, path):
    client.force_login(member)
    assert client.get(path).status_code == 200


def test_plain_text_mail_is_not_html_escaped(member, make_event, django_capture_on_commit_callbacks):
    member.first_name = "O'Neil"
    member.save()
    event = make_event(title="Rock 'n' Roll & <Sicherheit>")
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(event=event, person=member)
    message = mail.outbox[-1]
    assert message.subject.endswith("Rock 'n' Roll & <Sicherheit>")
    assert "Rock 'n' Roll & <Sicherheit>" in message.body and "O'Neil" in message.body
    assert "&#x27;" not in message.body and "&amp;" not in message.body and "&lt;" not in message.body
    html = message.alternatives[0][0]
    assert "&lt;Sicherheit&gt;" in html and "<Sicherheit>" not in html  # the HTML part is still escaped
    assert Registration.objects.filter(person=member).exists()


@pytest.mark.parametrize("name", ["profile_edit", "my_data", "my_data_download"])
def test_personal_pages_are_never_cached(client, member, name):
    client.force_login(member)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_the_calendar_feed_is_never_cached(client, member):
    feed = CalendarFeed.objects.create(person=member)
    response = client.get(reverse("calendar_feed", args=[feed.token]))
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_an_upload_declared_too_large_is_refused_before_it_is_read(client, member, settings):
    from django.test import RequestFactory

    from kernel.uploads import UploadLimitMiddleware

    settings.DOCUMENT_MAX_BYTES = 1_000_000
    client.force_login(member)
    big = b"%PDF-1.4\n" + b"0" * 2_100_000
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("document_upload"), {"title": "Groß", "file": SimpleUploadedFile("gross.pdf", big, "application/pdf")}
    )
    assert response.status_code == 413
    # Decided from the declared length alone: the body is never touched.
    request = RequestFactory().post("/bibliothek/hochladen/", data=b"", content_type="application/octet-stream")
    request.META["CONTENT_LENGTH"] = str(50_000_000)

    def view(_request):
        raise AssertionError("the view must not run")

    assert UploadLimitMiddleware(view)(request).status_code == 413


def test_reading_stops_when_a_file_passes_the_limit(settings):
    from django.core.files.uploadhandler import StopUpload

    from kernel.uploads import SizeLimitUploadHandler

    settings.DOCUMENT_MAX_BYTES = 100  # with the form's overhead: 1_000_100 bytes per request
    handler = SizeLimitUploadHandler()
    handler.new_file("file", "x.pdf", "application/pdf", 1000)
    chunk = b"a" * 600_000
    assert handler.receive_data_chunk(chunk, 0) == chunk
    with pytest.raises(StopUpload) as stopped:
        handler.receive_data_chunk(chunk, len(chunk))
    assert stopped.value.connection_reset
