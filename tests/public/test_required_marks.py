"""Required fields are marked on the public forms a visitor fills in (issue 28): each field the browser requires
carries a "*" in its label, and the form says once, above its fields, what the star means."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

NOTE = "Mit * markierte Felder sind Pflichtfelder."


def unmarked_required_fields(html: str) -> list[str]:
    """The ids of required inputs (not the honeypot) whose label has no star."""
    form = html[html.index('<form method="post"') :]
    ids = re.findall(r'<(?:input|select|textarea)\b[^>]*\bid="([^"]+)"[^>]*\brequired\b', form)
    unmarked = []
    for field_id in ids:
        label = re.search(rf'<label[^>]*for="{re.escape(field_id)}"[^>]*>(.*?)</label>', form, re.S)
        if label is None or "*" not in label.group(1):
            unmarked.append(field_id)
    return unmarked


def check(html: str) -> None:
    assert NOTE in html
    form = html[html.index('<form method="post"') :]
    assert form.index(NOTE) < form.index("required")  # explained before the first required field
    assert re.search(r"\brequired\b", form)
    assert unmarked_required_fields(html) == []


def test_the_membership_request_marks_its_required_fields(client):
    check(client.get(reverse("membership_apply")).content.decode())


def test_the_accessibility_feedback_marks_its_required_fields(client):
    check(client.get(reverse("barrierefreiheit")).content.decode())


def test_the_guest_registration_marks_its_required_fields(client, make_event):
    event = make_event(kind="conference", is_public=True)
    check(client.get(reverse("public_event_detail", args=[event.pk])).content.decode())


def test_the_check_finds_an_unmarked_required_field():
    html = '<form method="post"><label for="id_x">Name</label><input id="id_x" name="x" required></form>'
    assert unmarked_required_fields(html) == ["id_x"]
