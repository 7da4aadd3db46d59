"""A reply can attach a file (issue 28): it is checked as library uploads are, filed in the thread's group's
library for the group only, and the post links it for those who may see it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES, make_thread
from topics.models import Document, Post

pytestmark = pytest.mark.django_db


def _url(thread):
    return reverse("thread_detail", args=[thread.group.slug, thread.pk])


def test_an_attachment_lands_in_the_groups_library_and_is_linked(client, member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    client.force_login(member)
    upload = SimpleUploadedFile("../Lagebild <2026>.pdf", PDF_BYTES)
    response = client.post(_url(thread), {"body": "Siehe Anhang", "attachment": upload})
    assert response.status_code == 302
    post = Post.objects.get(body="Siehe Anhang")
    document = post.attachment
    assert document.label == Document.Label.GROUP
    assert list(document.groups.all()) == [group]
    assert document.uploaded_by == member
    assert document.current_version.filename == "Lagebild_2026.pdf"
    page = client.get(_url(thread)).content.decode()
    assert "Anhang:" in page
    assert reverse("document_detail", args=[document.pk]) in page


def test_readers_without_the_right_to_the_document_see_no_link(client, member, other_member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    client.force_login(member)
    client.post(_url(thread), {"body": "Siehe Anhang", "attachment": SimpleUploadedFile("a.pdf", PDF_BYTES)})
    document = Document.objects.get()
    client.force_login(other_member)  # reads the open group's thread, is not in the group
    page = client.get(_url(thread)).content.decode()
    assert "Siehe Anhang" in page
    assert reverse("document_detail", args=[document.pk]) not in page


def test_a_refused_file_type_is_refused_in_german_and_nothing_is_saved(client, member, group):
    thread = make_thread(group=group, author=member, title="Platzverweise")
    posts_before = Post.objects.count()
    client.force_login(member)
    upload = SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200)
    response = client.post(_url(thread), {"body": "Siehe Anhang", "attachment": upload}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    assert "Dateityp wird nicht angenommen" in response.content.decode()
    assert Post.objects.count() == posts_before
    assert not Document.objects.exists()
