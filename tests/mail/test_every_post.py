"""Every post by email, and the identity every outgoing email carries (checked on a real SMTP server)."""

import email.utils

import pytest
from django.core import mail
from django.urls import reverse

from mail.identity import read_address, thread_root_id
from mail.models import PostDelivery
from mail.posts import post_email_send
from tests.factories import MembershipFactory, UserFactory, make_thread
from tests.mail.conftest import bounce_to, reply_to
from topics import services
from topics.models import Follow, Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(group):
    person = UserFactory(email="leser@stuttgart.example")
    MembershipFactory(group=group, person=person)
    services.group_every_post(group=group, person=person, every_post=True)
    return person


def test_each_new_discussion_and_reply_is_emailed_at_once(
    reader, member, group, author, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(group=group, author=author, body="**Wie** machen Sie das?")
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, author=member, body="Mit Kontrollen & Geduld.")
    assert [message.to for message in mail.outbox] == [[reader.email], [reader.email]]  # not the member
    opening, reply = mail.outbox
    assert opening.subject == f"[{group.name}] {thread.title}"
    assert reply.subject == f"Re: [{group.name}] {thread.title}"
    assert "Mit Kontrollen & Geduld." in reply.body  # the text as written, not HTML-escaped
    html = reply.alternatives[0].content
    assert "Mit Kontrollen &amp; Geduld." in html
    thread_url = "https://portal.defus.example" + reverse("thread_detail", args=[group.slug, thread.pk])
    assert thread_url in reply.body and f'href="{thread_url}"' in html
    # A personal reply address that names the reader and the thread
    (reply_to,) = reply.reply_to
    token = read_address(reply_to)
    assert (token.person_id, token.thread_id) == (reader.pk, thread.pk)
    assert token.ref != read_address(opening.reply_to[0]).ref  # each notification its own address
    # Both carry the thread's root id, so mail clients group them
    assert opening.extra_headers["References"] == reply.extra_headers["In-Reply-To"] == thread_root_id(thread.pk)


def test_not_to_the_author_nor_to_followers_who_did_not_choose_it(
    member, group, author, django_capture_on_commit_callbacks
):
    follower = UserFactory()
    MembershipFactory(group=group, person=follower)
    Follow.objects.create(group=group, person=follower)
    services.group_every_post(group=group, person=author, every_post=True)
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(group=group, author=author)
    assert mail.outbox == []


def test_only_while_the_person_may_read_the_group(reader, group, author, django_capture_on_commit_callbacks):
    group.is_restricted = True
    group.save()
    services.group_leave(group=group, person=reader)
    Follow.objects.create(group=group, person=reader, every_post=True)  # a stale choice must not leak posts
    with django_capture_on_commit_callbacks(execute=True):
        make_thread(group=group, author=author)
    assert mail.outbox == []


def test_a_post_goes_to_a_person_once(reader, group, author):
    thread = make_thread(group=group, author=author)
    post = Post.objects.get(thread=thread)
    assert post_email_send(post_id=post.pk, person_id=reader.pk) is True
    assert post_email_send(post_id=post.pk, person_id=reader.pk) is False
    assert len(mail.outbox) == 1
    assert PostDelivery.objects.get().sent_at is not None


def test_the_choice_is_made_on_the_group_page_by_post(client, member, group):
    client.force_login(member)
    page = client.get(reverse("group_detail", args=[group.slug]))
    assert 'value="every_post"' in page.content.decode()
    assert client.get(reverse("group_membership", args=[group.slug])).status_code == 405
    client.post(reverse("group_membership", args=[group.slug]), {"action": "every_post"})
    assert Follow.objects.get(group=group, person=member).every_post
    client.post(reverse("group_membership", args=[group.slug]), {"action": "no_every_post"})
    assert not Follow.objects.get(group=group, person=member).every_post


def test_the_choice_is_made_in_the_digest_settings(client, member, group):
    client.force_login(member)
    client.post(reverse("digest_preferences"), {"digest": "weekly", "groups": [], "every_post": [group.pk]})
    follow = Follow.objects.get(group=group, person=member)
    assert follow.every_post  # and following comes with it
    client.post(reverse("digest_preferences"), {"digest": "weekly", "groups": [group.pk], "every_post": []})
    assert not Follow.objects.get(group=group, person=member).every_post


def test_tokens_are_short_lower_case_and_signed(member, thread):
    for address in (reply_to(member, thread), bounce_to(member)):
        local = address.split("@")[0]
        assert len(local) <= 40 and local == local.lower()
        assert read_address(address).person_id == member.pk
        assert read_address(address.replace("@antwort.", "@other.")) is None


def test_through_a_real_smtp_server(smtp_server, reader, member, group, author, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        thread = make_thread(group=group, author=author)
    with django_capture_on_commit_callbacks(execute=True):
        services.post_create(thread=thread, author=member, body="Antwort per Portal")
    assert [rcpt for rcpt, _raw in smtp_server.messages] == [[reader.email], [reader.email]]
    # The envelope sender is a bounce address on REPLY_DOMAIN naming the reader and this one message (VERP)
    for sender, received in zip(smtp_server.handler.senders, smtp_server.parsed(), strict=True):
        token = read_address(sender)
        assert token.person_id == reader.pk and token.names(received["Message-ID"])
    for received in smtp_server.parsed():
        assert email.utils.parseaddr(received["From"])[1] == "noreply@defus.example"
        assert received["Message-ID"].strip("<>").endswith("@portal.defus.example")
        assert received["In-Reply-To"] == received["References"] == f"<thread-{thread.pk}@portal.defus.example>"
        reply_to = email.utils.parseaddr(received["Reply-To"])[1]
        assert reply_to.endswith("@antwort.defus.example")
        assert read_address(reply_to).person_id == reader.pk
    ids = {received["Message-ID"] for received in smtp_server.parsed()}
    assert len(ids) == 2  # each message its own id


def test_every_email_has_a_message_id_on_the_portals_domain(smtp_server, member):
    from kernel.emails import send_email

    send_email("mail_refused", to="stranger@example.net", language="de", context={"reason": "x"})
    send_email("mail_refused", to=member.email, language="de", context={"reason": "x"})
    first, second = smtp_server.parsed()
    for received in (first, second):
        assert received["Message-ID"].strip("<>").endswith("@portal.defus.example")
        assert "localhost" not in received["Message-ID"]
    # A stranger has no bounce address of their own; a person has one
    assert smtp_server.handler.senders[0] == "noreply@defus.example"
    assert read_address(smtp_server.handler.senders[1]).person_id == member.pk


def test_the_group_page_costs_the_same_queries_with_every_post_on(client, member, group, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)
    url = reverse("group_detail", args=[group.slug])
    counts = []
    for every_post in (False, True):
        services.group_every_post(group=group, person=member, every_post=every_post)
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url)
        assert ('value="no_every_post"' in page.content.decode()) is every_post
        counts.append(len(captured))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(counts[1]):
        client.get(url)
