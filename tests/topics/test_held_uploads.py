"""A form error keeps the chosen file (issue 28): the library upload and the reply attachment hold a checked file
for its owner, and the second submit saves it without choosing it again."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES, make_thread
from topics.held_uploads import purge_held
from topics.models import Document, Post

pytestmark = pytest.mark.django_db

DOCUMENT = {"description": "", "label": "members", "category": "good_practice", "language": "de", "year": "2026"}


def _token(html, field):
    match = re.search(rf'name="{field}" value="([^"]+)"', html)
    assert match, "no held upload in the form"
    return match.group(1)


def test_a_library_form_error_keeps_the_file_for_the_second_submit(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    first = client.post(
        reverse("document_upload"),
        {**DOCUMENT, "title": "", "file": SimpleUploadedFile("Leitfaden.pdf", PDF_BYTES)},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    html = first.content.decode()
    assert first.status_code == 200
    assert "Die Datei Leitfaden.pdf ist schon hochgeladen" in html
    assert not Document.objects.exists()
    second = client.post(
        reverse("document_upload"), {**DOCUMENT, "title": "Leitfaden", "held_file": _token(html, "held_file")}
    )
    assert second.status_code == 302
    document = Document.objects.get()
    assert document.current_version.filename == "Leitfaden.pdf"
    assert not [path for path in (tmp_path / "held").rglob("*") if path.is_file()]  # deleted on use


def test_a_file_name_longer_than_a_file_system_takes_is_kept_too(client, member, settings, tmp_path):
    """Found by the hostile-input test: the held file is stored under a name of ours, the person's travels in the
    token (bounded) and is cleaned when the document is filed."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    long_name = "ä" * 300 + ".pdf"  # 602 bytes in UTF-8: more than any file system takes for one name
    first = client.post(
        reverse("document_upload"), {**DOCUMENT, "title": "", "file": SimpleUploadedFile(long_name, PDF_BYTES)}
    )
    assert first.status_code == 200
    second = client.post(
        reverse("document_upload"),
        {**DOCUMENT, "title": "Lang", "held_file": _token(first.content.decode(), "held_file")},
    )
    assert second.status_code == 302
    assert Document.objects.get().current_version.filename.endswith(".pdf")


def test_a_reply_error_keeps_the_attachment(client, member, group, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    thread = make_thread(group=group, author=member, title="Platzverweise")
    client.force_login(member)
    first = client.post(
        reverse("thread_detail", args=[group.slug, thread.pk]),
        {"body": "", "attachment": SimpleUploadedFile("Lagebild.pdf", PDF_BYTES)},
    )
    token = _token(first.content.decode(), "held_attachment")
    second = client.post(
        reverse("thread_detail", args=[group.slug, thread.pk]), {"body": "Siehe Anhang", "held_attachment": token}
    )
    assert second.status_code == 302
    assert Post.objects.get(body="Siehe Anhang").attachment.current_version.filename == "Lagebild.pdf"


def test_another_person_cannot_use_someone_elses_token(client, member, other_member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    first = client.post(
        reverse("document_upload"), {**DOCUMENT, "title": "", "file": SimpleUploadedFile("Geheim.pdf", PDF_BYTES)}
    )
    token = _token(first.content.decode(), "held_file")
    client.force_login(other_member)
    response = client.post(reverse("document_upload"), {**DOCUMENT, "title": "Geheim", "held_file": token})
    assert response.status_code == 200  # the file is missing for them: asked for again
    assert "Geheim.pdf" not in response.content.decode()
    assert not Document.objects.exists()


def test_held_files_older_than_a_day_are_purged(client, member, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(member)
    client.post(reverse("document_upload"), {**DOCUMENT, "title": "", "file": SimpleUploadedFile("Alt.pdf", PDF_BYTES)})
    [held] = [path for path in (tmp_path / "held").rglob("*") if path.is_file()]
    # Measured from the file's own time, so the test holds with a shifted process clock too.
    stored = datetime.datetime.fromtimestamp(held.stat().st_mtime, tz=datetime.UTC)
    assert purge_held(now=stored + datetime.timedelta(hours=23)) == 0
    assert purge_held(now=stored + datetime.timedelta(days=1, minutes=1)) == 1
    assert not [path for path in (tmp_path / "held").rglob("*") if path.is_file()]


def test_the_daily_cleanup_runs_the_purge(settings):
    entries = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "topics.tasks.purge_held_uploads" in entries
