"""Issue 20: an export of the wrong shape gives a clear error, and every import run ends with a result."""

import datetime
import json

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from funding.importer import WrongShape, import_calls, stale_runs_fail
from funding.models import ImportRun

pytestmark = pytest.mark.django_db

WRONG_SHAPES = [[], [1, 2], "text", {"results": {"a": 1}}, {"totalResults": 1}, 7]


@pytest.mark.parametrize("data", WRONG_SHAPES)
def test_an_export_of_the_wrong_shape_is_refused_clearly(data):
    with pytest.raises(WrongShape):
        import_calls(data)


def test_records_of_the_wrong_shape_are_skipped_not_a_crash():
    report = import_calls({"results": [1, "x", {"metadata": "no"}, {"metadata": {"identifier": "ISF-1"}}]})
    assert len(report.skipped) == 4 and not report.created


def test_the_command_says_what_is_wrong(tmp_path):
    path = tmp_path / "export.json"
    path.write_text("[]")
    with pytest.raises(CommandError, match="not an export"):
        call_command("import_funding_calls", str(path))


@pytest.mark.parametrize("data", WRONG_SHAPES)
def test_an_uploaded_export_of_the_wrong_shape_ends_failed(
    client, secretariat, data, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    upload = SimpleUploadedFile("export.json", json.dumps(data).encode(), content_type="application/json")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:funding_importrun_add"), {"file": upload})
    assert response.status_code == 302
    run = ImportRun.objects.get()
    assert run.state == "failed" and run.finished_at is not None and run.report


def test_a_run_whose_worker_stopped_ends_failed(client, secretariat):
    run = ImportRun.objects.create(state="running", file=ContentFile(b"{}", name="x.json"))
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    fresh = ImportRun.objects.create(state="running", file=ContentFile(b"{}", name="y.json"))
    client.force_login(secretariat)
    assert client.get(reverse("admin:funding_importrun_changelist")).status_code == 200
    run.refresh_from_db()
    fresh.refresh_from_db()
    assert run.state == "failed" and run.finished_at and fresh.state == "running"
    assert stale_runs_fail() == 0
