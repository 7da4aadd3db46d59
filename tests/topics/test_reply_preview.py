"""The reply box's preview (issue 28): a plain POST back to the thread that renders the text as a post would be
rendered, saves nothing and keeps the text in the box."""

import pytest
from django.urls import reverse

from tests.factories import make_thread
from tests.helpers import active_markup, main_of
from topics.models import Post

pytestmark = pytest.mark.django_db


def _url(thread):
    return reverse("thread_detail", args=[thread.group.slug, thread.pk])


def test_preview_renders_the_markdown_and_saves_nothing(client, member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    posts_before = Post.objects.count()
    client.force_login(member)
    response = client.post(_url(thread), {"body": "**fett** <script>alert(1)</script>", "preview": "1"})
    main = main_of(response.content.decode())
    assert response.status_code == 200
    assert "<strong>fett</strong>" in main.split('id="preview-heading"', 1)[1]
    assert [item for item in active_markup(main) if item != "<form>"] == []  # the same sanitiser as posts
    assert "**fett**" in main.split("<textarea", 1)[1]  # the text stays in the box
    assert Post.objects.count() == posts_before


def test_posting_after_the_preview_still_saves_the_reply(client, member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    client.force_login(member)
    response = client.post(_url(thread), {"body": "Meine Antwort"})
    assert response.status_code == 302
    assert thread.posts.filter(body="Meine Antwort").exists()


def test_a_reader_who_may_not_reply_gets_no_preview(client, other_member, member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    client.force_login(other_member)
    assert client.post(_url(thread), {"body": "x", "preview": "1"}).status_code == 403
