"""Restore drills on PostgreSQL: the commands run as the secretariat would run them, against scratch databases.

One seeded source database per module (seeding takes a while): the demo data plus uploaded files, backed up
once. Each test restores into databases and folders of its own.
"""

import json
import shutil
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import need_service
from tests.operations.drill import Postgres, command_env, media_digest, portal_pages, run_manage

# django_db: so that pytest-django creates the test database, whose migrated schema the drills copy.
pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db]

PASSPHRASE = "korrekt pferd batterie heftklammer"
# Written after the dump by the backup itself, so never part of the archive.
RUN_RECORDS = ("operations_backuprun",)


@dataclass
class Source:
    pg: Postgres
    name: str
    media: Path
    archive: Path
    tables: dict
    files: dict
    pages: dict
    tmp: Path

    def env(self, **kwargs):
        return command_env(database_url=self.pg.url(self.name), media=self.media, **kwargs)


@pytest.fixture(scope="module")
def source(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        need_service(connection.vendor == "postgresql", "DATABASE_URL does not point to PostgreSQL")
        pg = Postgres()
        # The test database is migrated and empty: copying it is much faster than migrating anew.
        connection.close()
    tmp = tmp_path_factory.mktemp("drill")
    try:
        # Later copies come from this one: the test database is in use while the tests run.
        pg.template = pg.create_migrated_empty("empty")
        name = pg.create("src", template=pg.template)
        media = tmp / "media"
        env = command_env(database_url=pg.url(name), media=media)
        seeded = run_manage("seed_demo", env=env)
        assert seeded.returncode == 0, seeded.stderr
        # Uploads beside those of the demo library: binary, nested, a name with umlauts, an empty file.
        (media / "logos" / "städte").mkdir(parents=True)
        (media / "logos" / "städte" / "Köln Logo.png").write_bytes(bytes(range(256)) * 40)
        (media / "documents" / "leer.txt").write_bytes(b"")
        pages = portal_pages(env)
        tables, files = pg.digest(name), media_digest(media)
        backups = tmp / "backups"
        made = run_manage("backup", "--output", str(backups), env=env)
        assert made.returncode == 0, made.stderr
        archives = list(backups.iterdir())
        assert len(archives) == 1, archives
        yield Source(pg, name, media, archives[0], tables, files, pages, tmp)
    finally:
        pg.drop_all()


def test_it_backs_up_one_archive_with_a_manifest(source):
    with tarfile.open(source.archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert names[0] == "database.dump" and names[-2:] == ["manifest.json", "manifest.sig"]
    assert {f"media/{path}" for path in source.files} == {n for n in names if n.startswith("media/")}
    assert manifest["portal_version"] == "0.1.0"
    assert ["members", "0001_initial"] in manifest["migrations"]
    assert manifest["row_counts"]["members_user"] == source.tables["members_user"][0] > 5
    assert set(manifest["files"]) == set(names) - {"manifest.json", "manifest.sig"}
    assert oct(source.archive.stat().st_mode & 0o777) == "0o600"


def test_restore_drill_brings_back_every_row_file_and_page(source):
    # The disaster: database and uploads gone.
    source.pg.drop(source.name)
    shutil.rmtree(source.media)
    source.pg.create("src")  # brand-new, without a single table

    restored = run_manage("restore", str(source.archive), env=source.env())

    assert restored.returncode == 0, restored.stderr
    assert "Row counts match the manifest" in restored.stdout
    assert source.pg.digest(source.name, exclude=RUN_RECORDS) == {
        table: value for table, value in source.tables.items() if table not in RUN_RECORDS
    }
    assert media_digest(source.media) == source.files
    # The portal serves the restored data: the member signs in and sees the same pages and documents.
    assert portal_pages(source.env()) == source.pages
    assert source.pages["download"]["status"] == 200


def test_restore_over_data_is_refused_and_changes_nothing(source):
    before, files = source.pg.digest(source.name), media_digest(source.media)

    refused = run_manage("restore", str(source.archive), env=source.env())
    forced_without_confirmation = run_manage("restore", "--force", str(source.archive), env=source.env())

    assert refused.returncode != 0 and "not empty" in refused.stderr
    assert forced_without_confirmation.returncode != 0 and "--yes-i-know" in forced_without_confirmation.stderr
    assert source.pg.digest(source.name) == before
    assert media_digest(source.media) == files


def _flip(archive: Path, target: Path, offset: int) -> Path:
    data = bytearray(archive.read_bytes())
    data[offset] ^= 0x01
    target.write_bytes(bytes(data))
    return target


def test_one_flipped_byte_is_refused_before_anything_is_written(source):
    raw = source.archive.read_bytes()
    target = source.pg.template  # migrated and empty
    before = source.pg.digest(target)
    media = source.tmp / "media-flip"
    env = command_env(database_url=source.pg.url(target), media=media)
    # In the database dump, in the manifest, and in the tar's zero padding at the end.
    for offset in (2000, raw.index(b'"portal_version"') + 3, len(raw) - 100):
        damaged = _flip(source.archive, source.tmp / f"damaged-{offset}.tar", offset)

        refused = run_manage("restore", str(damaged), env=env)

        assert refused.returncode != 0, offset
        assert "damaged" in refused.stderr
        assert source.pg.digest(target) == before
        assert not media.exists() or not any(media.iterdir())


def test_encrypted_archive_restores_only_with_the_passphrase(source):
    backups = source.tmp / "encrypted"
    before = source.pg.digest(source.name, exclude=RUN_RECORDS)
    made = run_manage("backup", "--output", str(backups), env=source.env(passphrase=PASSPHRASE))
    assert made.returncode == 0, made.stderr
    (archive,) = backups.iterdir()
    assert archive.name.endswith(".tar.gpg")
    assert not tarfile.is_tarfile(archive)
    assert b"mitglied@defus.example" not in archive.read_bytes()

    target = source.pg.create("enc", template=source.pg.template)  # migrated but empty: its schema is replaced
    empty = source.pg.digest(target)
    media = source.tmp / "media-enc"
    env = command_env(database_url=source.pg.url(target), media=media)

    without = run_manage("restore", str(archive), env=env)
    wrong = run_manage("restore", str(archive), env={**env, "BACKUP_PASSPHRASE": "falsch"})
    assert without.returncode != 0 and "BACKUP_PASSPHRASE" in without.stderr
    assert wrong.returncode != 0 and "could not be decrypted" in wrong.stderr
    assert source.pg.digest(target) == empty and not media.exists()

    restored = run_manage("restore", str(archive), env={**env, "BACKUP_PASSPHRASE": PASSPHRASE})
    assert restored.returncode == 0, restored.stderr
    assert source.pg.digest(target, exclude=RUN_RECORDS) == before
    assert media_digest(media) == source.files


def test_archive_of_the_previous_migration_state_restores_and_migrates(source):
    old = source.pg.create("old", template=source.name)
    env = command_env(database_url=source.pg.url(old), media=source.media)
    back = run_manage("migrate", "events", "0002", env=env)
    assert back.returncode == 0, back.stderr
    backups = source.tmp / "old"
    assert run_manage("backup", "--output", str(backups), env=env).returncode == 0
    (archive,) = backups.iterdir()
    with tarfile.open(archive) as tar:
        assert ["events", "0003_event_end_idx"] not in json.load(tar.extractfile("manifest.json"))["migrations"]

    target = source.pg.create("new")
    restored = run_manage(
        "restore", str(archive), env=command_env(database_url=source.pg.url(target), media=source.tmp / "media-old")
    )

    assert restored.returncode == 0, restored.stderr
    assert ("events", "0003_event_end_idx") in source.pg.migrations(target)
    with source.pg.connect(target) as db:
        assert db.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'event_end_idx'").fetchone()
