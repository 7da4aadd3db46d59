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
