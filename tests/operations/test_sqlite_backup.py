"""Backup and restore of the SQLite demo configuration, with the commands in their own processes."""

import sqlite3
import tarfile

import pytest

from tests.operations.drill import command_env, media_digest, run_manage

pytestmark = pytest.mark.slow  # whole commands in processes of their own

CREATE = """
from members.models import Organisation, User
essen = Organisation.objects.create(name="Stadt Essen", slug="stadt-essen")
User.objects.create_user(email="person@example.org", password="x" * 12, first_name="Änne", organisation=essen)
"""


def _rows(path) -> dict[str, list]:
    """Every table's rows, ordered; the run record written after the copy was taken is left out."""
    db = sqlite3.connect(path)
    try:
        tables = [
            row[0]
            for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {
            table: sorted(map(repr, db.execute(f'SELECT * FROM "{table}"').fetchall()))  # noqa: S608
            for table in sorted(tables)
            if table != "operations_backuprun"
        }
    finally:
        db.close()


def test_sqlite_backup_restores_into_an_empty_database(tmp_path):
    source, media = tmp_path / "source.sqlite3", tmp_path / "media"
    env = command_env(database_url=f"sqlite:///{source}", media=media)
    assert run_manage("migrate", "-v0", env=env).returncode == 0
    created = run_manage("shell", "-c", CREATE, env=env)
    assert created.returncode == 0, created.stderr
    (media / "documents" / "1").mkdir(parents=True)
    (media / "documents" / "1" / "bericht.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)))
    rows, files = _rows(source), media_digest(media)

    made = run_manage("backup", "--output", str(tmp_path / "backups"), env=env)
    assert made.returncode == 0, made.stderr
    (archive,) = (tmp_path / "backups").iterdir()
    with tarfile.open(archive) as tar:
        assert "database.sqlite3" in tar.getnames()

    target, target_media = tmp_path / "target.sqlite3", tmp_path / "media-target"
    target_env = command_env(database_url=f"sqlite:///{target}", media=target_media)
    restored = run_manage("restore", str(archive), env=target_env)

    assert restored.returncode == 0, restored.stderr
    assert _rows(target) == rows and rows["members_user"]
    assert media_digest(target_media) == files
