"""The member import checks and imports in the background: the upload returns at once, the run's page shows how
far the work is, a step whose worker stopped ends refused, and a confirmation imports once."""

import datetime
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from members.imports import runs
from members.models import ImportRun, Organisation, User

pytestmark = pytest.mark.django_db

HEADER = "Organisation;Vorname;Nachname;E-Mail\n"


def _list(rows: int) -> bytes:
    return (HEADER + "".join(f"Stadt Essen;Vor{i};Nach{i};p{i}@example.org\n" for i in range(rows))).encode()


def german(message: str, **params) -> str:
    with translation.override("de"):
        return translation.gettext(message) % params


def test_a_long_list_is_uploaded_at_once_and_checked_in_the_background(client, secretariat):
    client.force_login(secretariat)
    started = time.monotonic()
    response = client.post(
        reverse("admin:members_importrun_upload"), {"file": SimpleUploadedFile("l.csv", _list(20_000))}
    )
    assert time.monotonic() - started < 5  # the 20,000 rows are not touched in the request
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == ImportRun.Status.CHECKING
    page = client.get(response.url).text
    assert german("The file is being checked. Nothing is written.") in page
    assert "Jetzt importieren" not in page


def test_the_page_shows_the_rows_done_while_the_check_runs(client, secretariat):
    # In a test's transaction the queued check never starts by itself: the run is caught half way.
    pending = runs.preview(content=_list(250), file_name="l.csv", actor=secretariat)
    runs._progress_of(pending.pk)(100, 250)
    client.force_login(secretariat)
    page = client.get(reverse("admin:members_importrun_confirm", args=[pending.pk])).text
    assert german("Row %(done)s of %(total)s.", done=100, total=250) in page

    runs.check(run_id=pending.pk)
    assert runs.progress(pending.pk) == (250, 250)
    pending.refresh_from_db()
    assert pending.status == ImportRun.Status.PREVIEW and pending.report["counts"]["people"]["created"] == 250
    assert not User.objects.filter(email="p0@example.org").exists()  # the check wrote nothing


def test_a_run_whose_worker_stopped_ends_refused_and_shows_why(client, secretariat):
    pending = runs.preview(content=_list(3), file_name="l.csv", actor=secretariat)
    now = timezone.now()
    assert runs.stale_runs_fail(now=now + datetime.timedelta(minutes=30)) == 0
    assert runs.stale_runs_fail(now=now + datetime.timedelta(hours=3)) == 1
    pending.refresh_from_db()
    assert pending.status == ImportRun.Status.FAILED and pending.content is None
    runs.check(run_id=pending.pk)  # a late worker changes nothing
    pending.refresh_from_db()
    assert pending.status == ImportRun.Status.FAILED
    client.force_login(secretariat)
    page = client.get(reverse("admin:members_importrun_confirm", args=[pending.pk])).text
    assert (
        german("The check or import did not finish (its worker stopped). Nothing was written; please upload again.")
        in page
    )


def test_a_confirmation_imports_once_whatever_the_clicks_and_workers(secretariat, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pending = runs.preview(content=_list(3), file_name="l.csv", actor=secretariat)
    assert runs.confirm(run_id=pending.pk, actor=secretariat) is True
    assert runs.confirm(run_id=pending.pk, actor=secretariat) is False  # a second click queues nothing
    runs.apply(run_id=pending.pk, actor_id=secretariat.pk)
    runs.apply(run_id=pending.pk, actor_id=secretariat.pk)  # the same task delivered twice
    pending.refresh_from_db()
    assert pending.status == ImportRun.Status.APPLIED and pending.content is None
    assert User.objects.filter(email__startswith="p", email__endswith="@example.org").count() == 3
    assert pending.report["counts"]["people"]["created"] == 3


def test_an_error_while_importing_ends_the_run_refused_with_nothing_written(
    secretariat, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        pending = runs.preview(content=_list(3), file_name="l.csv", actor=secretariat)
    runs.confirm(run_id=pending.pk, actor=secretariat)

    def broken(**kwargs):
        Organisation.objects.create(name="Halb geschrieben", slug="halb")
        raise RuntimeError("a bug")

    monkeypatch.setattr(runs, "run", broken)
    runs.apply(run_id=pending.pk, actor_id=secretariat.pk)
    pending.refresh_from_db()
    assert pending.status == ImportRun.Status.FAILED and pending.content is None
    assert pending.report == {
        "error": german(
            "The import stopped because of an error in the portal; it has been logged. Nothing was written."
        )
    }
    assert not Organisation.objects.filter(name="Halb geschrieben").exists()
    assert "Member import" in caplog.text
