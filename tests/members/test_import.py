"""Moving in: the member list from German Excel (CSV in Windows-1252, XLSX with title rows)."""

import datetime
import io
import random
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from members.imports import runs, service
from members.imports.reading import UnreadableFile
from members.models import AuditEntry, ImportRun, Mandate, MembershipFee, Organisation, Role, User
from tests.factories import MandateFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = (
    "Organisation;Anrede;Titel;Vorname;Nachname;E-Mail;Funktion;Telefon;Amt;Amt von;Amt bis;"
    "Beitragsjahr;Beitrag;bezahlt am;Bemerkung"
)
# As German Excel saves "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, CRLF.
CSV_LINES = [
    HEADER,  # line 1
    "Stadt Münster;Frau;Dr.;Anna;Größe;anna.groesse@muenster.de;Leiterin Ordnungsamt;0251 492-0;Delegierte;"
    "01.03.2024;;2024;1.250,00;15.03.2024;seit 2019 dabei",  # 2
    "Stadt Münster;Herr;;Bernd;Becker; Bernd.Becker@Muenster.de ;Referent;;;;;2024;1.250,00;15.03.2024;",  # 3
    "Landkreis Görlitz;Frau;;Clara;Czech;clara.czech@kreis-gr.de;Landrätin;;Vorsitzende;2024-01-01;31.12.2027;;;;",  # 4
    "Stadt Münster;Herr;;;;ohne.name@muenster.de;;;;;;2023;900,00;;",  # 5 missing name
    "Stadt Bonn;Herr;;Dieter;Dachs;dieter(at)bonn.de;;;;;;;;;",  # 6 invalid e-mail
    "Stadt Bonn;Frau;;Eva;Esser;eva.esser@bonn.de;;;Kassenprüferin;31.02.2024;;;;;",  # 7 impossible date
    ";;;;;;;;;;;;;;",  # 8 empty line (not a row error)
    "Stadt Bonn;Herr;;Frank;Fuchs;frank.fuchs@bonn.de;;;Ehrenpräsident;01.01.2024;;;;;",  # 9 unknown office
    "Stadt Köln;Frau;;Gabi;Gans;gabi.gans@koeln.de;;;Vorsitz;01.06.2025;;;;;",  # 10 second chair at once
    "Stadt Münster;Frau;Dr.;Anna;Größe; ANNA.Groesse@muenster.de ;Leiterin Ordnungsamt;0251 492-0;Vorstandsmitglied;"
    "01.03.2024;;;;;",  # 11 same person again
]
CSV_BYTES = "\r\n".join(CSV_LINES).encode("cp1252") + b"\r\n"
BAD_CSV_LINES = [5, 6, 7, 9, 10]
# A bad office keeps the person: only that part of lines 7, 9 and 10 is skipped.
BAD_OFFICE_LINES = [7, 9, 10]
# The bylaws' own words (members.bylaws.office_conflicts), in German.
with translation.override("de"):
    CHAIR_TAKEN = translation.gettext("There is already a chair for this period.")


def _state():
    """Everything an import may write, to show that something did not change."""
    return (
        list(Organisation.objects.order_by("pk").values()),
        list(User.objects.order_by("pk").values()),
        list(Mandate.objects.order_by("pk").values()),
        list(MembershipFee.objects.order_by("pk").values()),
        AuditEntry.objects.count(),
        ImportRun.objects.count(),
    )


def _write(tmp_path, name, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


def _command(path, *args) -> str:
    out = io.StringIO()
    call_command("import_members", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_csv_from_german_excel_goes_in_and_bad_rows_are_reported_with_their_line(tmp_path):
    path = _write(tmp_path, "mitglieder.csv", CSV_BYTES)
    output = _command(path)

    run = ImportRun.objects.get()
    report = run.report
    assert run.status == ImportRun.Status.APPLIED and run.file_name == "mitglieder.csv"
    assert [row["line"] for row in report["skipped_rows"]] == BAD_CSV_LINES
    reasons = {row["line"]: row["reason"] for row in report["skipped_rows"]}
    assert reasons[5] == "Vor- und Nachname sind erforderlich."
    assert reasons[6] == "Ungültige E-Mail-Adresse: dieter(at)bonn.de"
    assert reasons[7] == "Ungültiges Datum in Spalte „Amt von“: 31.02.2024"
    assert reasons[9] == "Unbekanntes Amt: Ehrenpräsident"
    assert reasons[10] == CHAIR_TAKEN
    assert [row["line"] for row in report["skipped_rows"] if row["part"] == "offices"] == BAD_OFFICE_LINES
    assert report["counts"] == {
        "organisations": {"created": 4, "updated": 0, "unchanged": 0, "skipped": 2},
        "people": {"created": 6, "updated": 0, "unchanged": 0, "skipped": 2},
        "offices": {"created": 3, "updated": 0, "unchanged": 0, "skipped": 3},
        "fees": {"created": 1, "updated": 0, "unchanged": 0, "skipped": 1},
    }
    assert report["unknown_columns"] == ["Bemerkung"]
    assert report["new_organisations"] == ["Stadt Münster", "Landkreis Görlitz", "Stadt Bonn", "Stadt Köln"]
    assert "Zeile 6 übersprungen: Ungültige E-Mail-Adresse" in output
    assert "Ungültiges Datum in Spalte „Amt von“: 31.02.2024" in output
    assert "Unbekannte Spalten (ignoriert): Bemerkung" in output
    assert "Personen: 6 erstellt, 0 aktualisiert, 0 unverändert, 2 übersprungen" in output

    # The good rows, with umlauts read from Windows-1252.
    anna = User.objects.get(email="anna.groesse@muenster.de")
    assert (anna.salutation, anna.title, anna.last_name, anna.position) == (
        "Frau",
        "Dr.",
        "Größe",
        "Leiterin Ordnungsamt",
    )
    assert anna.organisation.name == "Stadt Münster" and not anna.has_usable_password()
    assert User.objects.filter(email__iexact="anna.groesse@muenster.de").count() == 1
    assert set(anna.mandates.values_list("role", flat=True)) == {Role.DELEGATE, Role.BOARD_MEMBER}
    delegate = anna.mandates.get(role=Role.DELEGATE)
    assert delegate.organisation == anna.organisation and delegate.start == datetime.date(2024, 3, 1)
    clara = User.objects.get(email="clara.czech@kreis-gr.de")
    chair = clara.mandates.get()
    assert (chair.role, chair.start, chair.end) == (Role.CHAIR, datetime.date(2024, 1, 1), datetime.date(2027, 12, 31))
    assert Organisation.objects.get(name="Landkreis Görlitz").kind == Organisation.Kind.DISTRICT
    assert User.objects.get(email="bernd.becker@muenster.de").first_name == "Bernd"
    fee = MembershipFee.objects.get()
    assert (fee.year, fee.amount, fee.paid_on) == (2024, Decimal("1250.00"), datetime.date(2024, 3, 15))
    # New organisations wait for the secretariat to record their admission.
    assert set(Organisation.objects.values_list("status", flat=True)) == {Organisation.Status.APPLICANT}

    # Nothing of a bad row was written; of a row with a bad office, the person without the office.
    assert not User.objects.filter(email__in=["ohne.name@muenster.de", "dieter(at)bonn.de"])
    assert not MembershipFee.objects.filter(year=2023).exists()
    assert Mandate.objects.filter(role=Role.CHAIR).count() == 1
    kept = User.objects.filter(email__in=["eva.esser@bonn.de", "frank.fuchs@bonn.de", "gabi.gans@koeln.de"])
    assert kept.count() == 3 and not Mandate.objects.filter(person__in=kept).exists()

    # Every change is in the audit log as this import.
    entries = AuditEntry.objects.all()
    assert entries.count() == 4 + 6 + 3 + 1
    assert set(entries.values_list("source", flat=True)) == {"Import: mitglieder.csv"}
    assert set(entries.values_list("action", flat=True)) == {
        "organisation.created",
        "user.created",
        "mandate.created",
        "membershipfee.created",
    }
    assert all("password" not in entry.changes for entry in entries)

    # The same file again changes nothing, and says so.
    before = _state()
    output = _command(path)
    second = ImportRun.objects.latest("pk").report
    assert second["counts"] == {
        "organisations": {"created": 0, "updated": 0, "unchanged": 4, "skipped": 2},
        "people": {"created": 0, "updated": 0, "unchanged": 6, "skipped": 2},
        "offices": {"created": 0, "updated": 0, "unchanged": 3, "skipped": 3},
        "fees": {"created": 0, "updated": 0, "unchanged": 1, "skipped": 1},
    }
    assert [row["line"] for row in second["skipped_rows"]] == BAD_CSV_LINES
    after = _state()
    assert after[:5] == before[:5] and after[5] == before[5] + 1


def test_a_dry_run_reports_the_same_and_writes_nothing(tmp_path):
    path = _write(tmp_path, "mitglieder.csv", CSV_BYTES)
    before = _state()
    output = _command(path, "--dry-run")
    assert _state() == before
    assert "Probelauf: Es wurde nichts gespeichert." in output
    assert "Organisationen: 4 erstellt, 0 aktualisiert, 0 unverändert, 2 übersprungen" in output
    assert CHAIR_TAKEN in output
    report = service.run(content=CSV_BYTES, file_name="mitglieder.csv", actor=None, dry_run=True)
    assert report["counts"]["offices"] == {"created": 3, "updated": 0, "unchanged": 0, "skipped": 3}
    assert _state() == before


def test_a_utf8_file_with_commas_is_read_too(tmp_path):
    text = "\ufeffE-Mail,Vorname,Nachname,Organisation\r\nzoe@example.org,Zoë,Ärger,Präventionsrat Nord\r\n"
    report = service.run(content=text.encode("utf-8"), file_name="liste.csv", actor=None, dry_run=False)
    assert report["counts"]["people"]["created"] == 1
    assert User.objects.get(email="zoe@example.org").last_name == "Ärger"
    assert Organisation.objects.get().kind == Organisation.Kind.PREVENTION_COUNCIL


def _xlsx() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mitglieder 2026"
    sheet.append(["DEFUS e. V. – Mitgliederliste"])  # 1
    sheet.append(["Stand:", datetime.date(2026, 3, 1)])  # 2
    sheet.append([])  # 3
    # Another order, other spelling of the names.
    sheet.append(
        [
            "  e-mail ",
            "NACHNAME",
            "Vorname",
            "Organisation",
            "Amt",
            "amt von",
            "Amt bis",
            "Beitragsjahr",
            "Beitrag",
            "Bezahlt am",
            "Telefon",
            "Interne Nr.",
        ]
    )  # 4
    rows = [
        [
            "ulla@stadt-essen.de",
            "Ufer",
            "Ulla",
            "Stadt Essen",
            "Vorsitz",
            datetime.datetime(2025, 1, 1),
            None,
            2025,
            1250,
            datetime.datetime(2025, 2, 3),
            201884,
            "A-17",
        ],  # 5
        [
            "changed@example.org",
            "Neu",
            "Nina",
            "Stadt Essen",
            "Delegierter",
            "2025-04-01",
            None,
            None,
            None,
            None,
            "0201 123",
            "A-18",
        ],  # 6 existing person: phone and name differ
        ["kein.name@example.org", None, None, "Stadt Essen", None, None, None, None, None, None, None, None],  # 7
        ["falsch@", "Falsch", "Fritz", "Stadt Essen", None, None, None, None, None, None, None, None],  # 8
        [
            "zeit@example.org",
            "Zeit",
            "Zora",
            "Stadt Essen",
            "Kassenprüfer",
            "30.02.2025",
            None,
            None,
            None,
            None,
            None,
            None,
        ],  # 9
        [
            "amt@example.org",
            "Amt",
            "Arno",
            "Stadt Essen",
            "Kaiser",
            datetime.datetime(2025, 1, 1),
            None,
            None,
            None,
            None,
            None,
            None,
        ],  # 10
        [
            "zweiter.vorsitz@example.org",
            "Zwei",
            "Zacharias",
            "Gemeinde Neuland",
            "Vorsitzender",
            datetime.datetime(2025, 6, 1),
            datetime.datetime(2026, 5, 31),
            None,
            None,
            None,
            None,
            None,
        ],  # 11
        [
            "ULLA@stadt-essen.de ",
            "Ufer",
            "Ulla",
            "Stadt Essen",
            None,
            None,
            None,
            2025,
            "1.250,00",
            None,
            None,
            None,
        ],  # 12 the same person and fee again
    ]
    for row in rows:
        sheet.append(row)
    sheet["F5"].number_format = "DD.MM.YYYY"
    workbook.create_sheet("Notizen").append(["nicht lesen"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_the_xlsx_with_title_rows_and_date_cells_goes_in(tmp_path):
    essen = OrganisationFactory(name="Stadt Essen", slug="stadt-essen")
    existing = UserFactory(
        email="Changed@Example.org", first_name="Nina", last_name="Alt", phone="", organisation=essen
    )
    path = _write(tmp_path, "Mitgliederliste.xlsx", _xlsx())
    _command(path, "--dry-run")
    assert ImportRun.objects.count() == 0 and Mandate.objects.count() == 0

    report = runs.import_file(content=path.read_bytes(), file_name=path.name, actor=None).report
    assert report["header_line"] == 4
    assert report["unknown_columns"] == ["Interne Nr."]
    assert [row["line"] for row in report["skipped_rows"]] == [7, 8, 9, 10, 11]
    reasons = [row["reason"] for row in report["skipped_rows"]]
    assert reasons[0] == "Vor- und Nachname sind erforderlich."
    assert reasons[1] == "Ungültige E-Mail-Adresse: falsch@"
    assert reasons[2] == "Ungültiges Datum in Spalte „Amt von“: 30.02.2025"
    assert reasons[3] == "Unbekanntes Amt: Kaiser"
    assert reasons[4] == CHAIR_TAKEN
    assert report["counts"] == {
        "organisations": {"created": 1, "updated": 0, "unchanged": 1, "skipped": 2},
        "people": {"created": 4, "updated": 1, "unchanged": 0, "skipped": 2},
        "offices": {"created": 2, "updated": 0, "unchanged": 0, "skipped": 3},
        "fees": {"created": 1, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    existing.refresh_from_db()
    # Updated only where the file differs; the account stays as it was.
    assert (existing.last_name, existing.phone, existing.email) == ("Neu", "0201 123", "Changed@Example.org")
    assert existing.has_usable_password()
    ulla = User.objects.get(email="ulla@stadt-essen.de")
    assert ulla.phone == "201884"
    assert ulla.mandates.get().start == datetime.date(2025, 1, 1)
    assert existing.mandates.get(role=Role.DELEGATE).organisation == essen
    fee = MembershipFee.objects.get()
    assert (fee.amount, fee.paid_on) == (Decimal("1250.00"), datetime.date(2025, 2, 3))
    # A bad office skips that part only: the person is kept.
    kept = User.objects.filter(email__in=["zeit@example.org", "amt@example.org", "zweiter.vorsitz@example.org"])
    assert kept.count() == 3 and not Mandate.objects.filter(person__in=kept).exists()
    assert not User.objects.filter(email="falsch@").exists()

    before = _state()
    again = service.run(content=path.read_bytes(), file_name=path.name, actor=None, dry_run=False)
    assert _state() == before
    assert {kind: counts["created"] + counts["updated"] for kind, counts in again["counts"].items()} == {
        "organisations": 0,
        "people": 0,
        "offices": 0,
        "fees": 0,
    }


def test_an_existing_chair_makes_a_second_chair_in_the_file_an_error_of_that_office():
    MandateFactory(role=Role.CHAIR, start=datetime.date(2020, 1, 1))
    content = (
        b"Organisation;Vorname;Nachname;E-Mail;Amt;Amt von\n"
        b"Stadt Essen;Olaf;Ober;olaf@example.org;Vorsitzende(r);01.01.2025\n"
        b"Stadt Essen;Paula;Plan;paula@example.org;;\n"
    )
    report = service.run(content=content, file_name="x.csv", actor=None, dry_run=False)
    assert [(row["line"], row["reason"], row["part"]) for row in report["skipped_rows"]] == [
        (2, CHAIR_TAKEN, "offices")
    ]
    # The person is kept without the office.
    assert not Mandate.objects.filter(person__email="olaf@example.org").exists()
    assert User.objects.filter(email="olaf@example.org").exists()
    assert User.objects.filter(email="paula@example.org").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (random.Random(13).randbytes(4096), "weder CSV noch XLSX"),
        (b"PK\x03\x04" + random.Random(14).randbytes(2000), "keine lesbare Excel-Arbeitsmappe"),
        ("Name;Vorname;Telefon;Straße\nA;B;C;D\n".encode("cp1252"), "Pflichtspalten fehlen: Organisation, E-Mail"),
        (b"just some text\nwithout a header\n", "Keine Kopfzeile gefunden"),
        (b"", "Die Datei ist leer."),
    ],
    ids=["random-bytes", "broken-zip", "required-columns", "no-header", "empty"],
)
def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_written(tmp_path, content, message):
    OrganisationFactory(name="Stadt Essen")
    path = _write(tmp_path, "kaputt.csv", content)
    before = _state()
    with pytest.raises(CommandError, match=message):
        _command(path)
    with pytest.raises(CommandError):
        _command(path, "--dry-run")
    assert _state() == before
    with pytest.raises(UnreadableFile):
        service.run(content=content, file_name="kaputt.csv", actor=None, dry_run=True)
    assert _state() == before


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="fehlt.csv"):
        _command(tmp_path / "fehlt.csv")
