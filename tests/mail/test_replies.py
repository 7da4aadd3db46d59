"""Replies by email become posts: only the new text, only from the person's own address, only once."""

import datetime

import pytest
import time_machine
from django.core import mail

from mail.models import InboundMessage
from tests.mail.conftest import load, reply_to
from topics import services
from topics.models import Post

pytestmark = pytest.mark.django_db


def replies(thread):
    return list(Post.objects.filter(thread=thread, is_opening=False).order_by("pk"))


@pytest.mark.parametrize(
    ("fixture", "posted", "cut"),
    [
        (
            "outlook_de.eml",
            "Danke für die Übersicht. Wir können im März einen Termin in Essen anbieten.",
            ["Viele Grüße", "Gesendet:", "Alkoholverboten", "Telefon"],
        ),
        ("outlook_en.eml", "Count us in: Essen will present its figures at the next meeting.", ["Sent:", "alcohol"]),
        ("thunderbird.eml", "Gute Idee, wir schicken unsere Satzung bis Freitag.", ["schrieb", "Ordnungsamt", ">"]),
        ("gmail.eml", "We tried it in 2024 and dropped it again.", ["wrote:", "city centre", "Erika Muster"]),
    ],
)
def test_it_posts_only_the_new_text(receive_mail, thread, member, fixture, posted, cut):
    raw = load(fixture, REPLY_TO=reply_to(member, thread), FROM=member.email)
    assert receive_mail(raw) == 0
    (post,) = replies(thread)
    assert post.author == member
    assert post.body == posted
    for text in cut:
        assert text not in post.body
    thread.refresh_from_db()
    assert thread.post_count == 2
    assert InboundMessage.objects.get().outcome == InboundMessage.Outcome.POSTED
    assert mail.outbox == []  # nobody to tell


def test_html_only_mail_is_converted_and_sanitised(receive_mail, thread, member):
    raw = load("html_only.eml", REPLY_TO=reply_to(member, thread), FROM=member.email)
    assert receive_mail(raw) == 0
    (post,) = replies(thread)
    assert "Unsere Erfahrungen:" in post.body
    assert "- weniger Beschwerden & Müll" in post.body
    assert "[Bericht 2025](https://www.essen.example/bericht)" in post.body
    assert "Ursprüngliche Nachricht" not in post.body and "Gesendet" not in post.body
    assert "alert" not in post.body
    assert '<a href="https://www.essen.example/bericht"' in post.body_html
    assert "<li>" in post.body_html and "<script" not in post.body_html


def test_the_sender_address_and_the_reply_domain_are_case_insensitive(receive_mail, thread, member):
    local, domain = reply_to(member, thread).split("@")
    assert receive_mail(load("thunderbird.eml", REPLY_TO=f"{local}@{domain.upper()}", FROM=member.email.upper())) == 0
    assert len(replies(thread)) == 1


def test_a_reply_from_another_address_posts_nothing_and_the_sender_is_told_once(receive_mail, thread, member):
    address = reply_to(member, thread)
    for _attempt in range(2):
        assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM="someone@else.example")) == 0
    assert replies(thread) == []
    (told,) = mail.outbox  # one explanation, not one per message: no loop with a robot on the other side
    assert told.to == ["someone@else.example"]
    assert told.extra_headers["Auto-Submitted"] == "auto-replied"
    assert "nicht bestätigt" in told.body


def test_an_auto_reply_posts_nothing_and_gets_no_answer(receive_mail, thread, member):
    address = reply_to(member, thread)
    for fixture in ("autoreply.eml", "outlook_autoreply.eml"):
        assert receive_mail(load(fixture, REPLY_TO=address, FROM=member.email)) == 0
    assert replies(thread) == []
    assert mail.outbox == []
    assert set(InboundMessage.objects.values_list("reason", flat=True)) == {"automatic"}


def test_the_same_message_twice_posts_once(receive_mail, thread, member):
    raw = load(
        "gmail.eml",
        REPLY_TO=reply_to(member, thread),
        FROM=member.email,
        MESSAGE_ID="CAJ7x9Qm1@mail.gmail.com",
    )
    assert receive_mail(raw) == 0
    assert receive_mail(raw) == 0
    assert len(replies(thread)) == 1


def test_an_expired_reply_address_posts_nothing(receive_mail, thread, member):
    with time_machine.travel(datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC), tick=False):
        address = reply_to(member, thread)
    with time_machine.travel(datetime.datetime(2026, 3, 30, 9, tzinfo=datetime.UTC), tick=False):
        assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM=member.email)) == 0  # 84 days: fine
    with time_machine.travel(datetime.datetime(2026, 4, 10, 9, tzinfo=datetime.UTC), tick=False):
        assert receive_mail(load("gmail.eml", REPLY_TO=address, FROM=member.email)) == 0  # 95 days: too old
    assert [post.body for post in replies(thread)] == ["Gute Idee, wir schicken unsere Satzung bis Freitag."]
    assert "nicht mehr gültig" in mail.outbox[-1].body


def test_a_person_who_left_the_group_cannot_post(receive_mail, thread, group, member):
    address = reply_to(member, thread)
    services.group_leave(group=group, person=member)
    assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM=member.email)) == 0
    assert replies(thread) == []
    (told,) = mail.outbox
    assert told.to == [member.email]
    assert InboundMessage.objects.get().outcome == InboundMessage.Outcome.REFUSED


def test_a_closed_or_deleted_thread_gets_no_post(receive_mail, thread, member, author, group):
    services.thread_set_flags(thread=thread, closed=True)
    address = reply_to(member, thread)
    assert receive_mail(load("thunderbird.eml", REPLY_TO=address, FROM=member.email)) == 0
    assert replies(thread) == []
    other = services.thread_create(group=group, author=author, title="Weg", body="Bald gelöscht")
    gone = reply_to(member, other)
    other.delete()
    assert receive_mail(load("gmail.eml", REPLY_TO=gone, FROM=member.email)) == 0
    assert Post.objects.filter(author=member).count() == 0


def test_attachments_are_not_posted_and_the_sender_is_told_to_use_the_library(receive_mail, thread, member):
    raw = load("attachment.eml", REPLY_TO=reply_to(member, thread), FROM=member.email)
    assert receive_mail(raw) == 0
    (post,) = replies(thread)
    assert post.body == "Anbei unsere Allgemeinverfügung."
    (told,) = mail.outbox
    assert "Bibliothek" in told.body


def test_unreadable_input_is_65(receive_mail):
    assert receive_mail(b"") == 65
    assert receive_mail(b"\x00\x01 this is not a message at all") == 65


def test_an_address_that_is_not_ours_or_forged_is_67(receive_mail, thread, member):
    assert receive_mail(load("gmail.eml", REPLY_TO="info@antwort.defus.example", FROM=member.email)) == 67
    genuine = reply_to(member, thread)
    local, domain = genuine.split("@")
    forged = f"{local[:-1]}{'a' if local[-1] != 'a' else 'b'}@{domain}"
    assert receive_mail(load("gmail.eml", REPLY_TO=forged, FROM=member.email)) == 67
    assert replies(thread) == []


def test_a_database_that_is_down_is_75_so_the_mta_retries(receive_mail, thread, member, monkeypatch):
    from django.db import OperationalError

    def down(**kwargs):
        raise OperationalError("connection to server failed")

    monkeypatch.setattr(InboundMessage.objects, "create", down)
    raw = load("gmail.eml", REPLY_TO=reply_to(member, thread), FROM=member.email)
    assert receive_mail(raw) == 75


def test_the_envelope_recipient_can_be_passed_by_the_mta(receive_mail, thread, member):
    raw = load("gmail.eml", REPLY_TO="DEFUS Portal", FROM=member.email)
    address = reply_to(member, thread)
    assert receive_mail(raw, f"--recipient={address}") == 0
    assert len(replies(thread)) == 1


def test_a_reply_address_of_a_deleted_account_is_67(receive_mail, thread, member):
    address = reply_to(member, thread)
    member.delete()
    assert receive_mail(load("gmail.eml", REPLY_TO=address, FROM="member@example.org")) == 67
    assert not InboundMessage.objects.exists()
