"""Uploads are checked by their content and size; names are sanitised; versions are kept."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PDF_BYTES, make_document
from topics.models import Document

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, name, content, **fields):
    data = {
        "title": fields.get("title", "Leitfaden"),
        "description": "",
        "label": fields.get("label", "members"),
        "category": "good_practice",
        "language": "de",
        "year": "2026",
        "file": SimpleUploadedFile(name, content),
    }
    return client.post(reverse("document_upload"), data)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bericht.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "Dateityp wird nicht angenommen"),
        ("karte.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Dateityp"),
        ("seite.html", b"<html><script>alert(1)</script></html>", "Dateityp"),
        ("bild.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "anderer Dateityp"),
    ],
    ids=["exe-as-pdf", "svg", "html", "png-named-pdf"],
)
def test_it_refuses_what_is_not_a_document(client, member, name, content, message):
    client.force_login(member)
    response = _upload(client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists()


def test_it_refuses_an_oversized_file(client, member, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    client.force_login(member)
    response = _upload(client, "gross.pdf", PDF_BYTES + b"0" * 2000)
    assert "zu groß" in response.content.decode()
    assert not Document.objects.exists()


def test_it_accepts_pdf_and_office_files_and_cleans_the_name(client, member):
    client.force_login(member)
    response = _upload(client, "../../etc/Bericht 2026 <final>.pdf", PDF_BYTES)
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.current_version.filename == "Bericht_2026_final.pdf"
    assert document.uploaded_by == member
    assert _upload(client, "vorlage.docx", _docx(), title="Vorlage").status_code == 302


def test_only_board_and_secretariat_file_board_documents(client, member, board):
    client.force_login(member)
    response = _upload(client, "x.pdf", PDF_BYTES, label="board")
    assert "Nur der Vorstand" in response.content.decode()
    client.force_login(board)
    assert _upload(client, "x.pdf", PDF_BYTES, label="board").status_code == 302


def test_the_form_offers_only_the_labels_the_person_may_file_with(client, member, board):
    client.force_login(member)
    page = client.get(reverse("document_upload")).content.decode()
    assert 'value="members"' in page and 'value="board"' not in page
    client.force_login(board)
    assert 'value="board"' in client.get(reverse("document_upload")).content.decode()


def test_a_new_version_keeps_the_old_ones(client, member):
    document = make_document(label="members", uploaded_by=member)
    client.force_login(member)
    response = client.post(
        reverse("document_add_version", args=[document.pk]),
        {"file": SimpleUploadedFile("neu.pdf", PDF_BYTES + b"% v2\n")},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.current_version.number == 2
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    old = client.get(reverse("document_version_download", args=[document.pk, 1]))
    assert b"".join(old.streaming_content) == PDF_BYTES


def test_a_zip_bomb_posing_as_opendocument_is_refused_without_unpacking(client, member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" + " " * 50_000_000)
    client.force_login(member)
    response = _upload(client, "bombe.odt", buffer.getvalue())
    assert "Dateityp" in response.content.decode()
    assert not Document.objects.exists()


def test_legacy_excel_keeps_its_extension_and_odd_names_fall_back(client, member):
    from topics.uploads import OLE_KINDS, clean_filename, detect

    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "Workbook".encode("utf-16-le") + b"\x00" * 100
    upload = SimpleUploadedFile("tabelle.xls", xls)
    assert detect(upload) == OLE_KINDS["Workbook"]
    assert clean_filename("tabelle.xls", OLE_KINDS["Workbook"]) == "tabelle.xls"
    assert clean_filename("€.pdf", detect(SimpleUploadedFile("x.pdf", PDF_BYTES))) == "dokument.pdf"
    client.force_login(member)
    assert _upload(client, "€.pdf", PDF_BYTES).status_code == 302


def test_only_people_responsible_may_replace_a_document(client, member, other_member):
    document = make_document(label="public", uploaded_by=member, organisation=member.organisation)
    client.force_login(other_member)
    response = client.post(
        reverse("document_add_version", args=[document.pk]), {"file": SimpleUploadedFile("x.pdf", PDF_BYTES)}
    )
    assert response.status_code == 403
    assert document.versions.count() == 1


def test_group_documents_only_for_ones_own_groups(client, member):
    from tests.factories import WorkingGroupFactory

    foreign = WorkingGroupFactory(is_restricted=True)
    client.force_login(member)
    data = {
        "title": "Fremd",
        "label": "group",
        "category": "other",
        "language": "de",
        "year": "2026",
        "groups": [foreign.pk],
        "file": SimpleUploadedFile("x.pdf", PDF_BYTES),
    }
    response = client.post(reverse("document_upload"), data)
    assert response.status_code == 200
    assert not Document.objects.exists()
