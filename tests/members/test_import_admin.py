"""Moving in through the admin: preview, confirm, the runs kept, the way back out (export)."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from members.imports import runs, service
from members.models import AuditEntry, ImportRun, Mandate, MembershipFee, Organisation, Role, User
from tests.factories import MandateFactory, OrganisationFactory, UserFactory
from tests.members.test_import import CSV_BYTES

pytestmark = pytest.mark.django_db

UPLOAD = "admin:members_importrun_upload"


def _upload(client, content=CSV_BYTES, name="mitglieder.csv"):
    return client.post(reverse(UPLOAD), {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def test_the_secretariat_previews_then_confirms_the_import(client, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    page = client.get(reverse(UPLOAD))
    assert page.status_code == 200 and "Mitgliederliste importieren" in page.text
    assert 'enctype="multipart/form-data"' in page.text

    # Checking and importing run as tasks once the request has committed (in-process here, as without Redis).
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("admin:members_importrun_confirm", args=[run.pk])
    # The preview wrote nothing but the run that keeps the file for the confirmation.
    assert run.status == ImportRun.Status.PREVIEW and bytes(run.content) == CSV_BYTES
    assert not Organisation.objects.filter(name="Stadt Münster").exists()
    assert not AuditEntry.objects.exists()

    preview = client.get(response.url)
    assert "Noch wurde nichts gespeichert." in preview.text
    assert "<caption>Übersprungene Zeilen</caption>" in preview.text
    flat = re.sub(r">\s+<", "><", preview.text)
    assert "<td>7</td><td>Eva Esser</td><td>eva.esser@bonn.de</td>" in flat
    assert "<td>Ungültiges Datum in Spalte „Amt von“: 31.02.2024</td>" in flat
    assert '<th scope="row">Personen</th><td>6</td><td>0</td><td>0</td><td>2</td>' in flat
    assert "csrfmiddlewaretoken" in preview.text

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(response.url)
    assert done.status_code == 302 and done.url == response.url
    assert "Dieser Import wurde bereits ausgeführt." in client.get(done.url).text
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED and run.content is None and run.applied_at
    assert run.report["counts"]["people"]["created"] == 6
    assert User.objects.filter(email="anna.groesse@muenster.de").exists()
    entries = AuditEntry.objects.filter(source="Import: mitglieder.csv")
    assert entries.count() == 14 and {entry.actor for entry in entries} == {secretariat}

    # A second confirmation (a double click, the back button) imports nothing again.
    people = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    assert User.objects.count() == people and AuditEntry.objects.filter(source__startswith="Import").count() == 14

    # The run is kept, read-only, with its report.
    kept = client.get(reverse("admin:members_importrun_change", args=[run.pk]))
    assert kept.status_code == 200 and "Ungültige E-Mail-Adresse: dieter(at)bonn.de" in kept.text
    listing = client.get(reverse("admin:members_importrun_changelist"))
    assert "mitglieder.csv" in listing.text and reverse(UPLOAD) in listing.text
    assert client.get(reverse("admin:members_importrun_add")).status_code == 403


def test_an_unreadable_upload_is_refused_with_its_reason_and_its_file_is_not_kept(
    client, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, b"\x00\x01\x02 not a list", "liste.xlsx")
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and run.content is None
    page = client.get(response.url).text
    assert "Die Datei ist weder CSV noch XLSX." in page and "Jetzt importieren" not in page
    assert not Organisation.objects.exists()
    # An empty file is refused at once, under the upload field.
    assert _upload(client, b"", "leer.csv").status_code == 200 and ImportRun.objects.count() == 1


@pytest.mark.parametrize("persona", ["member", "board"])
def test_only_the_secretariat_imports(client, request, secretariat, persona, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.preview(content=CSV_BYTES, file_name="mitglieder.csv", actor=secretariat)
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse(UPLOAD),
        reverse("admin:members_importrun_confirm", args=[run.pk]),
        reverse("admin:members_importrun_export", args=["csv"]),
    ):
        assert client.get(url).status_code in (302, 403)
    # The board reads the kept runs, like every association record, but has no import or export there.
    listing = client.get(reverse("admin:members_importrun_changelist"))
    if persona == "board":
        assert listing.status_code == 200 and reverse(UPLOAD) not in listing.text
    else:
        assert listing.status_code in (302, 403)
    assert _upload(client).status_code in (302, 403)
    assert client.post(reverse("admin:members_importrun_confirm", args=[run.pk])).status_code in (302, 403)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEW
    assert ImportRun.objects.count() == 1 and not User.objects.filter(email="anna.groesse@muenster.de").exists()


def _some_members():
    essen = OrganisationFactory(name="Stadt Essen", slug="stadt-essen", federal_state="NW")
    chair = UserFactory(
        email="chair@essen.de",
        salutation="Frau",
        title="Dr.",
        first_name="Erika",
        last_name="Ernst",
        position='=HYPERLINK("http://evil")',
        phone="+49 201 88",
        organisation=essen,
    )
    MandateFactory(role=Role.CHAIR, person=chair, start=datetime.date(2024, 1, 1), end=datetime.date(2027, 12, 31))
    MandateFactory(role=Role.DELEGATE, person=chair, organisation=essen, start=datetime.date(2023, 3, 1))
    UserFactory(email="zweite@essen.de", first_name="Zoe", last_name="Zwei", organisation=essen)
    MembershipFee.objects.create(
        organisation=essen, year=2025, amount=Decimal("1250"), paid_on=datetime.date(2025, 2, 3)
    )


def test_the_export_is_german_excel_and_guarded_against_formulas(client, secretariat):
    _some_members()
    client.force_login(secretariat)
    response = client.get(reverse("admin:members_importrun_export", args=["csv"]))
    assert response.content.startswith("\ufeff".encode())
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Organisation;Bundesland;Anrede;Titel;Vorname;Nachname;E-Mail;Funktion;Telefon;Amt;Amt von;Amt bis;"
        "Beitragsjahr;Beitrag;bezahlt am"
    )
    assert (
        'Stadt Essen;Nordrhein-Westfalen;Frau;Dr.;Erika;Ernst;chair@essen.de;"\'=HYPERLINK(""http://evil"")";'
        "'+49 201 88;Delegierte/r;01.03.2023;;;;" in lines
    )
    assert any(line.endswith(";Vorsitz;01.01.2024;31.12.2027;;;") for line in lines)
    assert any(line.endswith(";;;;2025;1.250,00;03.02.2025") for line in lines)


def test_the_list_goes_out_and_back_in_without_a_change(client, secretariat):
    _some_members()
    client.force_login(secretariat)
    for kind in ("xlsx", "csv"):
        content = client.get(reverse("admin:members_importrun_export", args=[kind])).content
        before = (
            list(User.objects.order_by("pk").values()),
            list(Mandate.objects.order_by("pk").values()),
            list(MembershipFee.objects.order_by("pk").values()),
            list(Organisation.objects.order_by("pk").values()),
        )
        report = service.run(content=content, file_name=f"export.{kind}", actor=secretariat, dry_run=False)
        assert report["skipped_rows"] == [], kind
        assert all(counts["created"] == counts["updated"] == 0 for counts in report["counts"].values()), report
        assert report["counts"]["offices"]["unchanged"] == 2 and report["counts"]["fees"]["unchanged"] == 1
        after = (
            list(User.objects.order_by("pk").values()),
            list(Mandate.objects.order_by("pk").values()),
            list(MembershipFee.objects.order_by("pk").values()),
            list(Organisation.objects.order_by("pk").values()),
        )
        assert after == before, kind


def test_the_xlsx_export_has_date_and_number_cells(client, secretariat):
    _some_members()
    client.force_login(secretariat)
    content = client.get(reverse("admin:members_importrun_export", args=["xlsx"])).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Organisation", "Bundesland", "Anrede")
    chair_row = next(row for row in rows if row[9] == "Vorsitz")
    assert chair_row[10] == datetime.datetime(2024, 1, 1) and chair_row[7] == '\'=HYPERLINK("http://evil")'
    fee_row = next(row for row in rows if row[12] == 2025)
    assert fee_row[13] == 1250 and fee_row[14] == datetime.datetime(2025, 2, 3)
