"""XSS payloads in every text field render inert: escaped as text or removed by the sanitiser.

Complements the browser walk (tests/browser/test_walkthrough.py) without a browser: the world
(tests/security/world.py) gets a payload in every text field, then every page a member reads
(and the emails it sends) is parsed; a payload may appear only as text.
"""

from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from events.services import registration_register
from tests.security.world import build_world, cycling

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert('xss-s')</script>",
    "<img src=x onerror=alert('xss-i')>",
    "\"><svg onload=alert('xss-v')>",
    "'><iframe src=javascript:alert('xss-f')>",
    "[klick](javascript:alert('xss-m'))",
    "<a href=\"javascript:alert('xss-a')\">x</a>",
    "</textarea><script>alert('xss-t')</script>",
    "<details open ontoggle=alert('xss-d')>",
    "<style>*{color:red}</style>xss-c",
    "<a href='data:text/html,xss-h'>x</a>",
]
MARKER = "xss-"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcdoc", "data", "poster"}
RAW_TEXT_TAGS = {"script", "style"}


def xss_text():
    short = cycling(PAYLOADS)

    def text(field: str, max_length: int) -> str:
        if max_length >= 1000:  # long texts (Markdown bodies, descriptions) get every payload
            return "\n\n".join(PAYLOADS)
        return short(field, max_length)

    return text


class _LiveMarkup(HTMLParser):
    """Where a payload's marker turns up anywhere but in plain text or a harmless attribute value."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._raw = []

    def handle_starttag(self, tag, attrs):
        if tag in RAW_TEXT_TAGS:
            self._raw.append(tag)
        for name, value in attrs:
            value = value or ""
            handler = name.startswith("on")
            script_url = name in URL_ATTRIBUTES and value.strip().lower().startswith(("javascript:", "data:text/html"))
            planted = MARKER in value and name in URL_ATTRIBUTES | {"style"}
            if handler or script_url or planted:
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag in {"svg", "iframe", "details", "object", "embed", "math"} and any(
            MARKER in (value or "") for _name, value in attrs
        ):
            self.found.append(f"<{tag}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in RAW_TEXT_TAGS:
            self._raw.pop()

    def handle_endtag(self, tag):
        if self._raw and self._raw[-1] == tag:
            self._raw.pop()

    def handle_data(self, data):
        if self._raw and MARKER in data:
            self.found.append(f"<{self._raw[-1]}>{data[:60]}")


def live_payloads(html: str) -> list[str]:
    parser = _LiveMarkup()
    parser.feed(html)
    # Belt and braces: no payload appears verbatim (unescaped) at all.
    return parser.found + [payload for payload in PAYLOADS if "<" in payload and payload in html]


@pytest.fixture
def world(member):
    return build_world(member=member, text=xss_text())


def test_payloads_in_every_text_field_render_inert_on_every_page(client, world):
    client.force_login(world.member)
    shown = 0
    for url in world.member_pages():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert live_payloads(html) == [], url
        shown += MARKER in html
    # The payloads really were on the pages (escaped), not merely absent.
    assert shown >= 20
    thread_page = client.get(reverse("thread_detail", args=[world.group.slug, world.thread.pk])).content.decode()
    assert escape(world.thread.title) in thread_page


def test_payloads_render_inert_in_the_admin(client, world, secretariat):
    client.force_login(secretariat)
    for url in (
        reverse("admin:members_user_changelist"),
        reverse("admin:members_user_change", args=[world.member.pk]),
        reverse("admin:members_organisation_change", args=[world.member.organisation.pk]),
        reverse("admin:events_event_change", args=[world.event.pk]),
        reverse("admin:members_auditentry_changelist"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert live_payloads(response.content.decode()) == [], url


def test_payloads_render_inert_in_emails(world, other_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        registration_register(event=world.event, person=other_member)
    assert len(mail.outbox) == 1
    html = mail.outbox[0].alternatives[0].content
    assert MARKER in html
    assert live_payloads(html) == []
    assert "<script" not in mail.outbox[0].subject


def test_the_check_finds_live_payloads():
    assert live_payloads("<p>&lt;script&gt;alert('xss-s')&lt;/script&gt;</p>") == []
    assert live_payloads("<p><img src=x onerror=alert('xss-i')></p>")
    assert live_payloads("<script>alert('xss-s')</script>")
    assert live_payloads('<a href="javascript:alert(1)">x</a>')
    assert live_payloads("<details open ontoggle=alert('xss-d')>")
