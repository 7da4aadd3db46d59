"""The member import against hostile and damaged files, and against moving people who have an account."""

import datetime
import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from members.imports import service
from members.imports.reading import UnreadableFile
from members.models import ImportRun, Mandate, Organisation, Role, User
from tests.factories import OrganisationFactory, UserFactory
from tests.members.test_import import _state

pytestmark = pytest.mark.django_db


def german(message: str, **params) -> str:
    with translation.override("de"):
        text = translation.gettext(message)
    return text % params if params else text


def _dimension_bomb() -> bytes:
    """A real little list whose sheet declares the whole of Excel: A1:XFD1048576 (the probe's 4.9 KB file)."""
    book = openpyxl.Workbook()
    book.active.append(["Organisation", "Vorname", "Nachname", "E-Mail"])
    book.active.append(["Stadt Essen", "Anna", "Arm", "anna@example.org"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
            archive.writestr(entry, data)
    return out.getvalue()


BOMB_REFUSAL = (
    "The sheet “%(sheet)s” declares %(declared_rows)s rows and %(declared_columns)s columns; at most "
    "%(rows)s rows and %(columns)s columns are read. Please save the table again with Excel or LibreOffice, "
    "or split it."
)


def test_the_dimension_bomb_is_refused_quickly_in_german_and_nothing_is_written(tmp_path):
    content = _dimension_bomb()
    assert len(content) < 6_000
    path = tmp_path / "mitglieder.xlsx"
    path.write_bytes(content)
    before = _state()
    started = time.monotonic()
    with pytest.raises(CommandError) as refused:
        call_command("import_members", str(path), "--dry-run", stdout=io.StringIO())
    assert time.monotonic() - started < 3
    assert str(refused.value) == "mitglieder.xlsx: " + german(
        BOMB_REFUSAL,
        sheet="Sheet",
        declared_rows="1.048.576",
        declared_columns="16.384",
        rows="50.000",
        columns="100",
    )
    assert _state() == before


def test_the_admin_shows_the_refusal_on_the_runs_page(client, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("mitglieder.xlsx", _dimension_bomb())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:members_importrun_upload"), {"file": upload})
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.content is None
    page = client.get(response.url).text
    assert "1.048.576" in page and "16.384" in page
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("year", ["Infinity", "1e999999999", "-Infinity", "NaN", "2024.5", "20245", "２０２４"])
def test_a_fee_year_that_is_no_year_of_four_digits_is_an_error_of_that_fee_at_once(year):
    content = (
        "Organisation;Vorname;Nachname;E-Mail;Beitragsjahr;Beitrag\n"
        f"Stadt Essen;Anna;Arm;anna@example.org;{year};100\n"
        "Stadt Essen;Bernd;Bach;bernd@example.org;2024;100\n"
    ).encode()
    started = time.monotonic()
    report = service.run(content=content, file_name="liste.csv", actor=None, dry_run=False)
    assert time.monotonic() - started < 2
    # The fee is skipped, the person kept (a person is not lost for a cell).
    assert [(row["line"], row["reason"], row["part"]) for row in report["skipped_rows"]] == [
        (2, f"Ungültiges Beitragsjahr: {year}", "fees")
    ]
    assert User.objects.filter(email="anna@example.org").exists()
    assert report["counts"]["fees"] == {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1}
    assert User.objects.filter(email="bernd@example.org").exists()


def test_fee_years_as_number_cells_and_text_still_go_in():
    book = openpyxl.Workbook()
    book.active.append(["Organisation", "Vorname", "Nachname", "E-Mail", "Beitragsjahr", "Beitrag"])
    book.active.append(["Stadt Essen", "Anna", "Arm", "anna@example.org", 2024, 100])
    book.active.append(["Stadt Essen", "Anna", "Arm", "anna@example.org", 2025.0, 100])
    book.active.append(["Stadt Essen", "Anna", "Arm", "anna@example.org", " 2026 ", 100])
    buffer = io.BytesIO()
    book.save(buffer)
    report = service.run(content=buffer.getvalue(), file_name="liste.xlsx", actor=None, dry_run=False)
    assert report["skipped_rows"] == []
    assert report["counts"]["fees"]["created"] == 3


def test_one_bad_byte_in_a_utf8_list_refuses_the_file_with_its_line(tmp_path):
    content = (
        "Organisation;Vorname;Nachname;E-Mail\nStadt Köln;Zoë;Ärger;zoe@example.org\n".encode()
        + b"Stadt K\xf6ln;Udo;Ulm;udo@example.org\n"
    )
    before = _state()
    with pytest.raises(UnreadableFile) as refused:
        service.run(content=content, file_name="liste.csv", actor=None, dry_run=True)
    assert str(refused.value) == german(
        "Line %(line)s contains a character that is not valid UTF-8, while the rest of the file is UTF-8. "
        "Please correct that line, or save the table again as “CSV UTF-8”.",
        line=3,
    )
    assert _state() == before


def test_a_windows_1252_list_is_still_read():
    content = "Organisation;Vorname;Nachname;E-Mail\nStadt Köln;Udo;Größe;udo@example.org\n".encode("cp1252")
    service.run(content=content, file_name="liste.csv", actor=None, dry_run=False)
    assert User.objects.get(email="udo@example.org").last_name == "Größe"


# --- People with an account stay where they are ---------------------------------------------------


def test_a_person_with_an_account_is_not_moved_nor_made_the_other_organisations_delegate():
    essen = OrganisationFactory(name="Stadt Essen")
    koeln = OrganisationFactory(name="Stadt Köln")
    signed_up = UserFactory(email="konto@example.org", organisation=essen)
    imported = User.objects.create(
        email="ohne.konto@example.org", first_name="Otto", last_name="Ohne", organisation=essen
    )
    imported.set_unusable_password()
    imported.save()
    content = (
        "Organisation;Vorname;Nachname;E-Mail;Telefon;Amt;Amt von\n"
        "Stadt Köln;Erika;Muster;konto@example.org;0221 1;Delegierte;01.01.2025\n"
        "Stadt Köln;Erika;Muster;konto@example.org;;;\n"
        "Stadt Köln;Otto;Ohne;ohne.konto@example.org;;;\n"
    ).encode()

    report = service.run(content=content, file_name="liste.csv", actor=None, dry_run=False)

    message = german(
        "%(email)s has an account with %(current)s; the import does not move a person with an account "
        "to another organisation. If the move is right, change the organisation in the person's record.",
        email="konto@example.org",
        current="Stadt Essen",
    )
    assert [(row["line"], row["reason"]) for row in report["skipped_rows"]] == [(2, message), (3, message)]
    signed_up.refresh_from_db()
    assert signed_up.organisation == essen and signed_up.phone == ""
    assert not Mandate.objects.filter(role=Role.DELEGATE).exists()
    # Someone imported who has never signed in may still be moved by the list.
    imported.refresh_from_db()
    assert imported.organisation == koeln


def test_a_person_who_signed_in_without_a_password_counts_as_having_an_account():
    essen = OrganisationFactory(name="Stadt Essen")
    OrganisationFactory(name="Stadt Köln")
    person = UserFactory(email="passkey@example.org", organisation=essen)
    person.set_unusable_password()
    person.last_login = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    person.save()
    content = b"Organisation;Vorname;Nachname;E-Mail\nStadt K\xc3\xb6ln;Erika;Muster;passkey@example.org\n"
    report = service.run(content=content, file_name="liste.csv", actor=None, dry_run=False)
    assert [row["line"] for row in report["skipped_rows"]] == [2]
    person.refresh_from_db()
    assert person.organisation == essen
