"""Discussions: who posts, who moderates, what is marked new, and that user text stays inert."""

import pytest
from django.urls import reverse

from tests.factories import EventFactory, WorkingGroupFactory, make_document, make_thread
from tests.helpers import active_markup, main_of
from topics.models import Follow, Membership, Post, Thread

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    '<a href="javascript:alert(1)">a</a>',
    "<svg/onload=alert(1)>",
    '"><iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
]


def _thread_url(thread):
    return reverse("thread_detail", args=[thread.group.slug, thread.pk])


def test_members_start_and_reply_others_may_only_read(client, member, other_member, group):
    client.force_login(member)
    response = client.post(reverse("thread_create", args=[group.slug]), {"title": "Platzverweise", "body": "Frage"})
    thread = Thread.objects.get(title="Platzverweise")
    assert response.status_code == 302
    client.force_login(other_member)
    assert client.get(_thread_url(thread)).status_code == 200  # open group: every member reads
    assert client.post(_thread_url(thread), {"body": "Ich auch"}).status_code == 403
    assert client.get(reverse("thread_create", args=[group.slug])).status_code == 403
    assert thread.posts.count() == 1


def test_restricted_group_is_read_by_its_members_only(client, member, other_member, group):
    group.is_restricted = True
    group.save()
    thread = make_thread(group=group, author=member, title="Vertraulich", replies=1)
    document = make_document(label="group", groups=[group], uploaded_by=member, organisation=member.organisation)
    post = thread.posts.order_by("pk").first()
    client.force_login(member)
    assert client.get(_thread_url(thread)).status_code == 200
    client.force_login(other_member)
    # Not there for others, its discussions as its documents (a 403 would say that this number exists).
    assert client.get(reverse("document_detail", args=[document.pk])).status_code == 404
    assert client.get(_thread_url(thread)).status_code == 404
    assert client.post(_thread_url(thread), {"body": "Ich auch"}).status_code == 404
    assert client.get(reverse("post_edit", args=[post.pk])).status_code == 404
    assert client.post(reverse("post_hide", args=[post.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("thread_moderate", args=[group.slug, thread.pk]), {"action": "pin"}).status_code == 404
    assert "Vertraulich" not in client.get(reverse("group_detail", args=[group.slug])).content.decode()


@pytest.mark.parametrize("payload", XSS)
def test_user_text_renders_inert(client, member, group, payload):
    thread = make_thread(group=group, author=member, title=f"Titel {payload}", body=f"Text {payload}")
    client.force_login(member)
    for page in (_thread_url(thread), reverse("group_detail", args=[group.slug]), reverse("dashboard")):
        main = main_of(client.get(page).content.decode())
        # The portal's own forms (reply, moderation) are expected; everything else came from user text.
        found = [item for item in active_markup(main) if item != "<form>"]
        assert found == [], (page, payload)
    assert "Titel" in main_of(client.get(_thread_url(thread)).content.decode())


def test_markdown_is_rendered(client, member, group):
    thread = make_thread(group=group, author=member, body="**fett** und [Efus](https://efus.eu)")
    client.force_login(member)
    html = client.get(_thread_url(thread)).content.decode()
    assert "<strong>fett</strong>" in html
    assert '<a href="https://efus.eu" rel="noopener noreferrer nofollow">Efus</a>' in html


def test_author_edits_own_post_and_it_is_marked(client, member, other_member, group):
    thread = make_thread(group=group, author=member)
    post = thread.posts.get()
    Membership.objects.create(group=group, person=other_member)
    client.force_login(other_member)
    assert client.post(reverse("post_edit", args=[post.pk]), {"body": "gekapert"}).status_code == 403
    client.force_login(member)
    assert client.post(reverse("post_edit", args=[post.pk]), {"body": "korrigiert"}).status_code == 302
    post.refresh_from_db()
    assert post.body == "korrigiert" and post.edited_at is not None
    assert "bearbeitet" in client.get(_thread_url(thread)).content.decode()


def test_leads_pin_close_and_hide_with_a_reason(client, member, lead, group):
    thread = make_thread(group=group, author=member, replies=1)
    reply = thread.posts.order_by("-pk").first()
    client.force_login(member)
    assert client.post(reverse("post_hide", args=[reply.pk]), {"reason": "x"}).status_code == 403
    client.force_login(lead)
    moderate = reverse("thread_moderate", args=[group.slug, thread.pk])
    client.post(moderate, {"action": "pin"})
    client.post(moderate, {"action": "close"})
    client.post(reverse("post_hide", args=[reply.pk]), {"reason": "Persönliche Daten Dritter"})
    thread.refresh_from_db()
    reply.refresh_from_db()
    assert thread.is_pinned and thread.is_closed
    assert reply.hidden_at and reply.hidden_reason == "Persönliche Daten Dritter"
    client.force_login(member)
    html = client.get(_thread_url(thread)).content.decode()
    assert "Persönliche Daten Dritter" in html  # the author sees why
    assert client.post(_thread_url(thread), {"body": "noch was"}).status_code == 403
    assert Post.objects.filter(thread=thread).count() == 2


def test_hiding_without_a_reason_changes_nothing(client, member, lead, group):
    thread = make_thread(group=group, author=member)
    post = thread.posts.get()
    client.force_login(lead)
    for reason in ("", "\x01\x02", "\n\t"):  # control characters only: nothing is left of the reason
        response = client.post(reverse("post_hide", args=[post.pk]), {"reason": reason})
        assert response.status_code in (200, 302)
        post.refresh_from_db()
        assert post.hidden_at is None


def test_joining_follows_and_on_request_needs_a_lead(client, other_member, lead, group):
    client.force_login(other_member)
    client.post(reverse("group_membership", args=[group.slug]), {"action": "join"})
    assert Membership.objects.get(group=group, person=other_member).status == "active"
    assert Follow.objects.filter(group=group, person=other_member).exists()
    strict = WorkingGroupFactory(join_policy="on_request")
    client.post(reverse("group_membership", args=[strict.slug]), {"action": "join"})
    membership = Membership.objects.get(group=strict, person=other_member)
    assert membership.status == "requested"
    assert not Follow.objects.filter(group=strict, person=other_member).exists()
    # A lead of another group cannot approve; the secretariat or this group's lead can.
    client.force_login(lead)
    url = reverse("membership_approve", args=[strict.slug, membership.pk])
    assert client.post(url).status_code == 403


def test_new_posts_are_marked_for_the_reader(client, member, other_member, group):
    thread = make_thread(group=group, author=member)
    client.force_login(other_member)
    assert "neu" in client.get(reverse("group_detail", args=[group.slug])).content.decode()
    client.get(_thread_url(thread))
    html = client.get(reverse("group_detail", args=[group.slug])).content.decode()
    assert 'text-bg-warning">neu' not in html


def test_hidden_posts_and_closed_threads_cannot_be_edited(client, member, lead, group):
    thread = make_thread(group=group, author=member, replies=1)
    reply = thread.posts.order_by("-pk").first()
    client.force_login(lead)
    client.post(reverse("post_hide", args=[reply.pk]), {"reason": "Off-Topic"})
    # Leads hide; they do not rewrite other people's words.
    assert client.post(reverse("post_edit", args=[reply.pk]), {"body": "umgeschrieben"}).status_code == 403
    client.force_login(member)
    assert client.post(reverse("post_edit", args=[reply.pk]), {"body": "doch"}).status_code == 403
    client.force_login(lead)
    client.post(reverse("thread_moderate", args=[group.slug, thread.pk]), {"action": "close"})
    client.force_login(member)
    opening = thread.posts.get(is_opening=True)
    assert client.post(reverse("post_edit", args=[opening.pk]), {"body": "später"}).status_code == 403


def test_group_activity_includes_threads_documents_and_events(client, member, group):
    import datetime

    from django.utils import timezone

    from tests.factories import make_document

    make_thread(group=group, author=member, title="Neue Diskussion XY")
    make_document(label="group", groups=[group], title="Protokoll XY")
    start = timezone.now() + datetime.timedelta(days=3)
    EventFactory(
        title="AG-Sitzung XY",
        start=start,
        end=start + datetime.timedelta(hours=2),
        audience="group",
        group=group,
    )
    client.force_login(member)
    html = client.get(reverse("group_detail", args=[group.slug])).content.decode()
    assert "Neue Diskussion XY" in html and "Protokoll XY" in html and "AG-Sitzung XY" in html


def test_join_requests_reach_the_leads_and_the_answer_reaches_the_person(
    client, other_member, lead, group, django_capture_on_commit_callbacks
):
    from django.core import mail

    group.join_policy = "on_request"
    group.save()
    client.force_login(other_member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("group_membership", args=[group.slug]), {"action": "join"})
    assert [m.to for m in mail.outbox] == [[lead.email]]
    membership = Membership.objects.get(group=group, person=other_member)
    client.force_login(lead)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("membership_approve", args=[group.slug, membership.pk]), {"action": "decline"})
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert mail.outbox[-1].to == [other_member.email] and "Anfrage" in mail.outbox[-1].subject


def test_leaving_stops_following(client, member, group):
    Follow.objects.create(group=group, person=member)
    client.force_login(member)
    client.post(reverse("group_membership", args=[group.slug]), {"action": "leave"})
    assert not Follow.objects.filter(group=group, person=member).exists()
