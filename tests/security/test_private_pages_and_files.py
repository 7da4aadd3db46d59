"""Two smaller holes of issue 33: pages made for a signed-in person are ``Cache-Control: private``, and uploaded
files are readable by the portal alone (0640 in folders of 0750), whatever the process's umask."""

import os
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES, make_document
from topics.models import Document

pytestmark = pytest.mark.django_db


def _directives(response) -> set[str]:
    return {part.strip().split("=")[0] for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_the_dashboard_and_person_pages_are_private(client, member, other_member):
    client.force_login(member)
    for url in (
        reverse("dashboard"),
        reverse("person_detail", args=[other_member.pk]),
        reverse("person_detail", args=[member.pk]),
        reverse("organisation_list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "private" in _directives(response) and "public" not in _directives(response), url


def test_a_public_page_for_visitors_is_not_marked_private(client):
    response = client.get(reverse("impressum"))
    assert response.status_code == 200 and "private" not in _directives(response)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The loosest umask a server could run with: the permissions must come from the settings, not from it."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_uploaded_files_are_not_readable_by_others(client, member, open_umask):
    small = make_document(label="members", uploaded_by=member).current_version.file
    # A file over FILE_UPLOAD_MAX_MEMORY_SIZE arrives as a temporary file that is moved, not written anew.
    client.force_login(member)
    big = PDF_BYTES + b"%" + b"0" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1024) + b"\n"
    data = {
        "title": "Großer Bericht",
        "description": "",
        "label": "members",
        "category": "research",
        "language": "de",
        "year": "2026",
        "file": SimpleUploadedFile("gross.pdf", big, content_type="application/pdf"),
    }
    assert client.post(reverse("document_upload"), data).status_code == 302
    large = Document.objects.get(title="Großer Bericht").current_version.file
    for stored in (small, large):
        assert _mode(stored.path) == 0o640, (stored.name, oct(_mode(stored.path)))
        folder = Path(stored.path).parent
        assert _mode(folder) == 0o750, (str(folder), oct(_mode(folder)))
