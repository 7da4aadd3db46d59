"""Posts and inquiries edited in the admin show the edited text, rendered and sanitised again."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import WorkingGroupFactory, make_thread
from topics.inquiries import inquiry_create

pytestmark = pytest.mark.django_db


def test_a_post_edited_in_the_admin_is_rendered_again(client, secretariat, member):
    post = make_thread(group=WorkingGroupFactory(), author=member, body="Alter Text").posts.get()
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:topics_post_change", args=[post.pk]),
        {
            "thread": post.thread_id,
            "author": post.author_id,
            "body": "**Korrigiert** <script>alert(1)</script>",
            "hidden_reason": "",
            "hidden_at": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    post.refresh_from_db()
    assert "<strong>Korrigiert</strong>" in post.body_html
    assert "Alter Text" not in post.body_html and "<script>" not in post.body_html
    assert post.edited_at is not None


def test_an_inquiry_edited_in_the_admin_is_rendered_again(client, secretariat, member):
    deadline = timezone.now() + datetime.timedelta(days=3)
    inquiry = inquiry_create(author=member, title="Frage", question="Alte Frage", deadline=deadline)
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:topics_inquiry_change", args=[inquiry.pk]),
        {
            "title": "Frage",
            "question": "Neue _Frage_ <img src=x onerror=alert(1)>",
            "deadline": timezone.localtime(deadline).strftime("%Y-%m-%dT%H:%M"),
            "answers-TOTAL_FORMS": "0",
            "answers-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    inquiry.refresh_from_db()
    assert "<em>Frage</em>" in inquiry.question_html
    assert "Alte Frage" not in inquiry.question_html and "onerror" not in inquiry.question_html


def test_staff_cannot_put_a_post_in_another_members_name_or_thread(client, secretariat, member, other_member):
    group = WorkingGroupFactory()
    post = make_thread(group=group, author=member, body="Mein Text").posts.get()
    elsewhere = make_thread(group=WorkingGroupFactory(), author=other_member)
    client.force_login(secretariat)
    url = reverse("admin:topics_post_change", args=[post.pk])
    page = client.get(url).content.decode()
    assert 'name="author"' not in page and 'name="thread"' not in page
    response = client.post(
        url,
        {"thread": elsewhere.pk, "author": other_member.pk, "body": "Mein Text", "hidden_reason": "", "hidden_at": ""},
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.author == member and post.thread_id != elsewhere.pk and post.thread.group == group
    thread = post.thread
    response = client.post(
        reverse("admin:topics_thread_change", args=[thread.pk]),
        {"title": thread.title, "group": group.pk, "author": other_member.pk},
    )
    thread.refresh_from_db()
    assert thread.author == member
    # Nor write one in their name.
    assert client.get(reverse("admin:topics_post_add")).status_code == 403
    assert client.get(reverse("admin:topics_thread_add")).status_code == 403
