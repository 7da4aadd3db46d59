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
