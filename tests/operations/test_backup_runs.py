"""Backup runs in-process against the test database: records, alerts, /healthz, the admin download."""

import datetime
import json
import tarfile

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from operations.models import BackupAlert, BackupResult, BackupRun
from operations.services import backup_run, backups_check
from tests.factories import UserFactory


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_PASSPHRASE = ""
    return settings.BACKUP_DIR


def _run(result=BackupResult.SUCCESS, *, at=None, **fields):
    return BackupRun.objects.create(
        started_at=at or timezone.now(), duration=datetime.timedelta(seconds=3), result=result, **fields
    )


def test_it_records_a_run_and_writes_exactly_one_archive(db, backup_dir):
    run = backup_run()

    assert run.result == BackupResult.SUCCESS, run.error
    (archive,) = backup_dir.iterdir()  # no temporary file or folder left behind
    assert archive.name == run.file_name and archive.stat().st_size == run.size
    assert run.duration.total_seconds() > 0
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        assert manifest["database"]["member"] in tar.getnames()


def test_the_command_writes_one_archive_into_the_given_folder(db, backup_dir, tmp_path, capsys):
    call_command("backup", output=tmp_path / "elsewhere")
    assert len(list((tmp_path / "elsewhere").iterdir())) == 1
    assert "Backup written" in capsys.readouterr().out
    assert not backup_dir.exists()


def test_a_failed_backup_emails_the_secretariat_once_per_incident(db, settings, tmp_path, secretariat):
    settings.BACKUP_DIR = tmp_path / "not-a-folder"
    settings.BACKUP_DIR.write_text("a file where the folder should be")

    first, second = backup_run(), backup_run()

    assert first.result == second.result == BackupResult.FAILED and first.error
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [secretariat.email]
    assert "Sicherung" in mail.outbox[0].subject or "backup" in mail.outbox[0].subject.lower()
    # A success ends the incident; the next failure is a new one.
    settings.BACKUP_DIR = tmp_path / "backups"
    assert backup_run().result == BackupResult.SUCCESS
    settings.BACKUP_DIR = tmp_path / "not-a-folder"
    backup_run()
    assert len(mail.outbox) == 2 and BackupAlert.objects.count() == 2


def test_no_backup_for_36_hours_emails_the_secretariat_once(db, secretariat):
    start = timezone.now()
    _run(at=start)
    with time_machine.travel(start + datetime.timedelta(hours=35)):
        assert backups_check() is False
    with time_machine.travel(start + datetime.timedelta(hours=37)):
        assert backups_check() is True
        assert backups_check() is False
    assert len(mail.outbox) == 1
    assert "36" in mail.outbox[0].subject


def test_a_new_installation_is_not_missing_a_backup_at_once(db, secretariat):
    assert backups_check() is False
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("runs", "state"),
    [
        ([], "missing"),
        ([(BackupResult.SUCCESS, 2)], "ok"),
        ([(BackupResult.SUCCESS, 40)], "missing"),
        ([(BackupResult.SUCCESS, 5), (BackupResult.FAILED, 1)], "failed"),
    ],
)
def test_healthz_shows_the_backup_state_without_changing_its_status(client, db, runs, state):
    for result, hours_ago in runs:
        _run(result, at=timezone.now() - datetime.timedelta(hours=hours_ago))

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json()["backup"] == state
    assert response.json()["database"] == "ok"


def test_only_a_superuser_downloads_an_archive(client, db, backup_dir, secretariat):
    run = backup_run()
    url = reverse("admin:operations_backuprun_download", args=[run.pk])
    superuser = UserFactory(email="root@example.org", is_superuser=True)

    client.force_login(secretariat)
    listing = client.get(reverse("admin:operations_backuprun_changelist"))
    assert listing.status_code == 200 and run.file_name in listing.content.decode()
    assert url not in listing.content.decode()
    assert client.get(url).status_code == 403

    client.force_login(superuser)
    assert url in client.get(reverse("admin:operations_backuprun_changelist")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == (backup_dir / run.file_name).read_bytes()
    assert run.file_name in response["Content-Disposition"]

    client.logout()
    assert client.get(url).status_code == 302


def test_a_run_naming_a_file_outside_the_backup_folder_downloads_nothing(client, db, backup_dir):
    run = _run(file_name="../../etc/passwd")
    client.force_login(UserFactory(email="root@example.org", is_superuser=True))
    assert client.get(reverse("admin:operations_backuprun_download", args=[run.pk])).status_code == 404


def test_backup_at_is_checked_at_start(monkeypatch):
    from kernel.env import env_daily_time

    monkeypatch.setenv("BACKUP_AT", "25:00")
    with pytest.raises(ImproperlyConfigured, match="BACKUP_AT"):
        env_daily_time("BACKUP_AT", "03:30")
    monkeypatch.setenv("BACKUP_AT", "04:15")
    assert env_daily_time("BACKUP_AT", "03:30") == (4, 15)


def test_the_beat_schedule_runs_the_backup_daily(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["backup"]
    assert entry["task"] == "operations.tasks.run_backup"
    assert entry["schedule"].hour == {settings.BACKUP_HOUR} and entry["schedule"].minute == {settings.BACKUP_MINUTE}
