"""The import's preview shows the change (old → new per field, unchanged folded), catches duplicates, total rows
and spelling variants of known organisations (mapped only when confirmed), keeps a person whose office or fee cell
is bad, and hands the skipped rows back as a workbook to correct."""

import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from members.imports import service
from members.models import ImportRun, Mandate, MembershipFee, Organisation, User
from tests.factories import OrganisationFactory, UserFactory
from tests.members.test_import import _state

pytestmark = pytest.mark.django_db

HEADER = ["Organisation", "Vorname", "Nachname", "E-Mail", "Telefon", "Amt", "Amt von", "Beitragsjahr", "Beitrag",
          "bezahlt am", "Interne Nr."]  # fmt: skip
ROWS = [
    ["Stadt München", "Ina", "Iser", "ina@muenchen.de", "089 2", None, None, 2025, "1.200,00", "offen", 1],  # 3
    ["Landeshauptstadt Muenchen", "Max", "Moser", "max@muenchen.de", None, None, None, None, None, None, 2],  # 4
    ["Stadt Essen", "Ede", "Eck", "ede@essen.de", "0201 1", None, None, 2025, "viel", None, 3],  # 5 bad fee
    ["Stadt Essen", "Eva", "Ems", "EVA@essen.de", "0201 2", None, None, None, None, None, 4],  # 6
    ["Stadt Essen", "Eva", "Ems", "eva@essen.de", "0201 3", None, None, None, None, None, 5],  # 7 differs from 6
    ["Stadt Essen", "Ede", "Eck", "ede@essen.de", "0201 1", "Delegierte", datetime.datetime(2025, 1, 1)]
    + [None] * 3
    + [6],  # 8 the same person again, with an office
    ["Stadt Essen", "Udo", "Ulm", "udo@essen.de", None, "Kaiser", "01.01.2025", 2025, "900", "s. Rechnung", 7],  # 9
    ["Summe", None, None, None, None, None, None, None, "2.100,00", None, None],  # 10
]


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Mitgliederliste DEFUS"])
    book.active.append(HEADER)
    for row in ROWS:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _german(text: str, **values) -> str:
    with translation.override("de"):
        return translation.gettext(text) % values


@pytest.fixture
def known():
    muenchen = OrganisationFactory(name="Stadt München", slug="stadt-muenchen", federal_state="BY")
    ina = UserFactory(email="ina@muenchen.de", first_name="Ina", last_name="Iser", phone="089 1", organisation=muenchen)
    MembershipFee.objects.create(organisation=muenchen, year=2025, amount=Decimal("1000.00"))
    return muenchen, ina


def _upload(client, django_capture_on_commit_callbacks) -> ImportRun:
    file = SimpleUploadedFile("liste.xlsx", _xlsx())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_importrun_upload"), {"file": file})
    return ImportRun.objects.latest("pk")


def test_the_preview_shows_every_change_and_every_case_of_a_real_list(known):
    before = _state()
    report = service.run(content=_xlsx(), file_name="liste.xlsx", actor=None, dry_run=True)
    assert _state() == before

    changes = {kind: {entry["label"]: entry for entry in entries} for kind, entries in report["changes"].items()}
    ina = changes["people"]["Ina Iser <ina@muenchen.de>"]
    assert ina["outcome"] == "updated" and ina["fields"] == [["Telefon", "089 1", "089 2"]]
    # "offen" in the paid column means not paid: no error, no date.
    fee = changes["fees"]["Stadt München 2025"]
    assert fee["outcome"] == "updated" and fee["fields"] == [["Beitrag", "1.000,00", "1.200,00"]]
    assert changes["organisations"]["Stadt München"]["outcome"] == "unchanged"
    assert changes["organisations"]["Stadt Essen"]["outcome"] == "created"
    assert {label for label, e in changes["people"].items() if e["outcome"] == "created"} == {
        "Ede Eck <ede@essen.de>",
        "Udo Ulm <udo@essen.de>",
    }
    # "s. Rechnung": a fee not paid yet.
    assert changes["fees"]["Stadt Essen 2025"]["fields"] == [["Beitrag", "", "900,00"]]
    assert changes["offices"]["Delegierte/r: Ede Eck (01.01.2025)"]["outcome"] == "created"

    assert report["suggestions"] == [{"name": "Landeshauptstadt Muenchen", "existing": "Stadt München", "lines": [4]}]
    assert report["ignored_rows"] == [
        {"line": 10, "reason": _german("a total row (“%(label)s”), not a person", label="Summe")}
    ]
    skipped = {(row["line"], row["part"]): row for row in report["skipped_rows"]}
    assert sorted(skipped) == [(4, ""), (5, "fees"), (6, ""), (7, ""), (9, "offices")]
    assert skipped[5, "fees"]["reason"] == _german("Invalid amount: %(value)s", value="viel")
    assert (skipped[6, ""]["name"], skipped[6, ""]["email"]) == ("Eva Ems", "EVA@essen.de")
    assert "6" in skipped[6, ""]["reason"] and "7" in skipped[6, ""]["reason"]
    assert skipped[6, ""]["reason"] == skipped[7, ""]["reason"] and "0201 2" in skipped[7, ""]["reason"]
    assert skipped[9, "offices"]["reason"] == "Unbekanntes Amt: Kaiser"


def test_the_secretariat_confirms_the_variant_then_a_second_import_changes_nothing(
    client, secretariat, known, django_capture_on_commit_callbacks
):
    muenchen, _ina = known
    client.force_login(secretariat)
    run = _upload(client, django_capture_on_commit_callbacks)
    page = client.get(reverse("admin:members_importrun_confirm", args=[run.pk])).text
    flat = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", page))
    assert "<td>089 1</td><td>→ 089 2</td>" in flat
    assert "<details><summary>" in flat  # the unchanged, folded
    variant = _german(
        "Line %(lines)s: “%(name)s” is not created: did you mean %(existing)s?",
        lines=4,
        name="Landeshauptstadt Muenchen",
        existing="Stadt München",
    )
    assert variant in flat and 'type="checkbox" name="map" value="0"' in flat
    assert "<td>5</td><td>Ede Eck</td><td>ede@essen.de</td>" in flat

    # The skipped rows as a workbook: the file's own columns plus "Fehler", to correct and import again.
    download = client.get(reverse("admin:members_importrun_skipped", args=[run.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADER, _german("Error")]
    assert [row[3] for row in rows[1:]] == ["max@muenchen.de", "ede@essen.de", "EVA@essen.de", "eva@essen.de",
                                            "udo@essen.de"]  # fmt: skip
    assert rows[2][:5] == ("Stadt Essen", "Ede", "Eck", "ede@essen.de", "0201 1") and "viel" in rows[2][-1]
    assert rows[5][-1].endswith("Unbekanntes Amt: Kaiser")

    # Confirmed without the box: the variant's row is not imported and no second München is made.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_importrun_confirm", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.APPLIED
    assert not User.objects.filter(email="max@muenchen.de").exists()
    assert not Organisation.objects.filter(name__icontains="muenchen").exists()
    # The person is kept when the fee cell is bad; the duplicates are not imported; the total row is no one.
    ede = User.objects.get(email="ede@essen.de")
    assert Mandate.objects.filter(person=ede).exists()
    assert MembershipFee.objects.get(organisation=ede.organisation).amount == Decimal("900")
    assert not User.objects.filter(email="eva@essen.de").exists()
    assert User.objects.get(email="udo@essen.de").mandates.count() == 0
    assert User.objects.get(email="ina@muenchen.de").phone == "089 2"
    assert MembershipFee.objects.get(organisation=muenchen).amount == Decimal("1200.00")

    # The same file again, now with the variant confirmed: only Max is added, to the known München.
    second = _upload(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:members_importrun_confirm", args=[second.pk]), {"map": ["0"]})
    assert User.objects.get(email="max@muenchen.de").organisation == muenchen
    assert Organisation.objects.filter(name__icontains="nchen").count() == 1

    # And once more: nothing changes.
    before = _state()
    again = service.run(content=_xlsx(), file_name="liste.xlsx", actor=None, dry_run=False, mapping={})
    assert _state()[:4] == before[:4]
    assert all(counts["created"] + counts["updated"] == 0 for counts in again["counts"].values())
