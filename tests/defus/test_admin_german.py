"""The admin speaks German throughout: Django 6.1's catalogue lacks some new admin strings (locale_overrides)."""

import datetime

import pytest
from django.urls import reverse

from mail.models import DigestNote

pytestmark = pytest.mark.django_db


def test_the_admin_lists_have_no_english_left(client, secretariat):
    DigestNote.objects.create(period=datetime.date(2026, 11, 30), text_de="Hinweis")
    client.force_login(secretariat)
    html = client.get(reverse("admin:mail_digestnote_changelist"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Ausführen" in html and ">Run<" not in html
    assert "- Bitte auswählen -" in html and "Select an option" not in html
    html = client.get(reverse("admin:mail_digestdelivery_changelist"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "durchsuchen" in html and "Search " not in html


def test_a_note_is_named_by_its_date_as_readers_write_it(client, secretariat):
    note = DigestNote.objects.create(period=datetime.date(2026, 11, 30), text_de="Hinweis")
    client.force_login(secretariat)
    html = client.get(reverse("admin:mail_digestnote_history", args=[note.pk])).content.decode()
    assert "30. November 2026" in html and "2026-11-30" not in html
