"""WCAG 3.3.7 (redundant entry): a process of several steps asks for each piece of information once; what was
given in an earlier step is filled in or not asked again. The pages are read as a browser gets them."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from assemblies.models import Meeting
from events import guests
from practices.forms import STEPS
from tests.assemblies.test_convening import _form, _item

pytestmark = pytest.mark.django_db

# Hidden fields, buttons and Django's own bookkeeping are not asked of the person.
NOT_ASKED = {"hidden", "submit", "button", "reset"}


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.asked: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag in {"input", "select", "textarea"} and name and attrs.get("type") not in NOT_ASKED:
            self.asked.setdefault(name, attrs.get("value") or "")


def _asked(response) -> dict[str, str]:
    """The fields a page asks for (name → value shown), from the form in <main>."""
    assert response.status_code == 200
    parser = _Fields()
    parser.feed(response.text.split("<main", 1)[1])
    return {name: value for name, value in parser.asked.items() if name != "language"}


def test_the_practice_guided_entry_asks_each_thing_in_one_step_only():
    asked_in: dict[str, str] = {}
    for slug, _label, form_class in STEPS:
        for name in form_class.base_fields:
            assert name not in asked_in, f"“{name}” is asked in step {asked_in[name]} and again in {slug}"
            asked_in[name] = slug
    assert len(asked_in) > 10


def test_preparing_and_inviting_to_a_meeting_asks_nothing_twice(client, board, secretariat):
    client.force_login(secretariat)
    prepare = _asked(client.get(reverse("meeting_prepare")))
    start = timezone.localtime() + datetime.timedelta(days=60)
    data = _form(
        board,
        secretariat,
        [_item(0, "Haushalt 2027", "Der Haushalt wird beschlossen.")],
        start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + datetime.timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert client.post(reverse("meeting_prepare"), data).status_code == 302
    meeting = Meeting.objects.get()

    # Changing the meeting shows what was given, filled in; inviting asks only for the covering letter.
    edit = _asked(client.get(reverse("meeting_edit", args=[meeting.pk])))
    assert edit["title"] == data["title"] and edit["location"] == data["location"]
    invite = _asked(client.get(reverse("meeting_invite", args=[meeting.pk])))
    assert {"title", "location", "start"} <= set(prepare)
    assert set(invite) & set(prepare) == set()


def test_a_guest_gives_name_and_address_once(client, make_event, django_capture_on_commit_callbacks):
    cache.clear()
    event = make_event(is_public=True, kind="conference", title="Fachkonferenz Prävention", capacity=10)
    form = _asked(client.get(reverse("public_event_detail", args=[event.pk])))
    assert {"name", "email"} <= set(form)
    with django_capture_on_commit_callbacks(execute=True):
        guest = guests.guest_request(
            event=event, name="Gast", email="gast@example.org", organisation="Uni", role="Forschung"
        )
    confirm = _asked(client.get(reverse("guest_confirm", args=[guest.confirmation_token])))
    with django_capture_on_commit_callbacks(execute=True):
        guests.guest_confirm(guest=guest)
    personal = _asked(client.get(reverse("guest_registration", args=[guest.token])))
    assert (set(confirm) | set(personal)) & set(form) == set()
