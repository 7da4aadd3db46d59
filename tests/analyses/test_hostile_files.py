"""Bad PKS files are refused with their line, at upload and at confirmation; no server error, no run left waiting,
and no upload kept under its own name or after it was refused."""

import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError
from django.urls import reverse

from analyses.models import CrimeFigure, PksImport
from analyses.pks import PksFormatError, read_table
from tests.analyses.tables import ROWS_2019, ROWS_2024, german, line_error, pks_csv, pks_xlsx
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def cities(organisation):
    OrganisationFactory(name="Landeshauptstadt Stuttgart", municipality_key="08111000")


def _stored(media: Path) -> list[Path]:
    return [path for path in media.rglob("*") if path.is_file()]


def _upload(client, name, data, year=""):
    return client.post(reverse("admin:analyses_pksimport_add"), {"file": SimpleUploadedFile(name, data), "year": year})


def _with_cell(data: bytes, placeholder: bytes, value: bytes) -> bytes:
    """The workbook ``data`` with a number cell written as no spreadsheet program would: ``<v>1e309</v>``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            content = source.read(entry.filename)
            if entry.filename.startswith("xl/worksheets/"):
                content = content.replace(b"<v>" + placeholder + b"</v>", b"<v>" + value + b"</v>")
            archive.writestr(entry, content)
    return out.getvalue()


STUTTGART_2019 = ROWS_2019[1]
STUTTGART_2024 = ROWS_2024[0]
BAD_FILES = {
    # A figure beyond any column (and beyond what the database's integer holds).
    "huge-number": ("pks-2019.csv", pks_csv([(*STUTTGART_2019[:4], "1" + "0" * 25, *STUTTGART_2019[5:])]), 2),
    "huge-rate": ("pks-2024.xlsx", pks_xlsx([(*STUTTGART_2024[:5], 1e300, *STUTTGART_2024[6:])]), 6),
    "long-cell-csv": ("pks-2019.csv", pks_csv([(STUTTGART_2019[0], "x" * 200_000, *STUTTGART_2019[2:])]), 2),
    "long-cell-xlsx": ("pks-2024.xlsx", pks_xlsx([(STUTTGART_2024[0], "x" * 200_000, *STUTTGART_2024[2:])]), 6),
    "long-name": ("pks-2019.csv", pks_csv([(*STUTTGART_2019[:3], "S" * 5_000, *STUTTGART_2019[4:])]), 2),
    "infinite-key": (
        "pks-2024.xlsx",
        _with_cell(pks_xlsx([(424242, *STUTTGART_2024[1:])]), b"424242", b"1e309"),
        6,
    ),
    "count-beyond-the-column": (
        "pks-2019.csv",
        pks_csv([(*STUTTGART_2019[:4], "3.000.000.000", *STUTTGART_2019[5:])]),
        2,
    ),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_each_bad_file_is_a_row_error_at_upload_and_its_file_is_deleted(client, secretariat, cities, media, kind):
    name, data, line = BAD_FILES[kind]
    client.force_login(secretariat)
    started = time.monotonic()
    response = _upload(client, name, data)
    assert time.monotonic() - started < 5
    run = PksImport.objects.get()
    assert response.status_code == 302, response.content[:500]
    assert run.state == PksImport.State.FAILED and run.finished_at
    assert re.match(line_error(line), run.report), run.report
    assert len(run.report) < 300  # a long cell is quoted by its start
    assert run.file_name == name and not _stored(media)
    assert client.get(response["Location"]).status_code == 200
    client.post(reverse("admin:analyses_pksimport_confirm", args=[run.pk]))
    assert not CrimeFigure.objects.exists()


def test_an_infinite_key_in_the_municipality_column_is_a_row_error_too(cities):
    data = _with_cell(pks_xlsx([(*STUTTGART_2024[:2], 808111000, *STUTTGART_2024[3:])]), b"808111000", b"1e309")
    with pytest.raises(PksFormatError, match=line_error(6)):
        read_table(data, filename="pks.xlsx")


def test_a_failure_at_confirmation_ends_the_run_instead_of_leaving_it_waiting(
    client, secretariat, cities, media, monkeypatch
):
    client.force_login(secretariat)
    _upload(client, "T01_Staedte.xlsx", pks_xlsx())
    run = PksImport.objects.get()
    assert run.state == PksImport.State.PREVIEW and len(_stored(media)) == 1

    def refuse(*args, **kwargs):
        raise DataError("integer out of range")

    monkeypatch.setattr(CrimeFigure.objects, "bulk_create", refuse)
    response = client.post(reverse("admin:analyses_pksimport_confirm", args=[run.pk]))
    assert response.status_code == 302
    run.refresh_from_db()
    assert run.state == PksImport.State.FAILED and run.finished_at
    message = german("The table could not be imported because of an error in the portal; it has been logged.")
    assert re.fullmatch(message, run.report)
    assert not CrimeFigure.objects.exists() and not _stored(media)


def test_an_upload_is_stored_under_a_random_name_and_its_own_name_still_gives_the_year(
    client, secretariat, cities, media
):
    client.force_login(secretariat)
    _upload(client, "PKS_Essen_2019_intern.csv", pks_csv())
    run = PksImport.objects.get()
    assert run.state == PksImport.State.PREVIEW and run.year == 2019  # from the original name
    assert run.file_name == "PKS_Essen_2019_intern.csv"
    (stored,) = _stored(media)
    assert re.fullmatch(r"[0-9a-f]{32}\.csv", stored.name) and stored.parent.name == "pks"
    page = client.get(reverse("admin:analyses_pksimport_change", args=[run.pk])).text
    assert "PKS_Essen_2019_intern.csv" in page

    _upload(client, "PKS_Essen_2019_intern.csv", pks_csv())
    assert len(_stored(media)) == 2  # the second upload of the same name overwrites nothing
