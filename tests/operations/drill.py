"""Helpers for restore drills: scratch databases beside the test database, management commands in a subprocess.

pytest-django owns the test database, so drills work on databases of their own, named after the test database
(``test_defus_ci`` → ``defus_ci_bk_<what>``), which they create and drop themselves.
"""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
# The drills' BACKUP_SIGNING_KEY: every process they start signs and verifies with it, as one installation would.
SIGNING_KEY = "drill-signing-key-" + "5" * 32
NOT_DATA = ("django_migrations", "django_content_type", "auth_permission")


def run_manage(*args: str, env: dict, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        input=stdin,
        timeout=600,
    )


def command_env(
    *,
    database_url: str,
    media: Path,
    backup_dir: Path | None = None,
    passphrase: str = "",
    signing_key: str = SIGNING_KEY,
) -> dict:
    """The portal's local configuration (defus.settings) pointed at a scratch database and media folder."""
    own = {"DJANGO_SETTINGS_MODULE", "DEBUG", "REDIS_URL", "BACKUP_PASSPHRASE", "SECRET_KEY", "BACKUP_SIGNING_KEY"}
    own |= {"BACKUP_RESTORE_ROLE", "BACKUP_RESTORE_PASSWORD"}
    env = {key: value for key, value in os.environ.items() if key not in own}
    env.update(
        DJANGO_SETTINGS_MODULE="defus.settings",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media),
        EMAIL_URL="dummy://",
        LOG_LEVEL="WARNING",
    )
    if backup_dir is not None:
        env["BACKUP_DIR"] = str(backup_dir)
    if passphrase:
        env["BACKUP_PASSPHRASE"] = passphrase
    if signing_key:
        env["BACKUP_SIGNING_KEY"] = signing_key
    return env


def media_digest(root: Path) -> dict[str, str]:
    if not root.exists():
        return {}
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def portal_pages(env: dict) -> dict:
    """What the demo member sees after signing in (tests/operations/portal_pages.py in its own process)."""
    completed = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "operations" / "portal_pages.py")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


class Postgres:
    """Scratch databases on the test database's server."""

    def __init__(self, suffix: str = "bk"):
        self.params = dict(connection.settings_dict)
        test_name = self.params["NAME"]
        self.template = test_name
        self.prefix = f"{test_name.removeprefix('test_')}_{suffix}"
        self.created: list[str] = []

    def _admin(self):
        import psycopg

        return psycopg.connect(**self._kwargs("postgres"), autocommit=True)

    def admin_execute(self, statement: str) -> None:
        """A statement outside any scratch database (roles, database owners)."""
        with self._admin() as admin:
            admin.execute(statement)

    def _kwargs(self, name: str) -> dict:
        return {
            "dbname": name,
            "host": self.params.get("HOST") or None,
            "port": self.params.get("PORT") or None,
            "user": self.params.get("USER") or None,
            "password": self.params.get("PASSWORD") or None,
        }

    def connect(self, name: str):
        import psycopg

        return psycopg.connect(**self._kwargs(name), autocommit=True)

    def url(self, name: str) -> str:
        from urllib.parse import quote

        user = quote(self.params.get("USER") or "")
        password = self.params.get("PASSWORD") or ""
        auth = f"{user}:{quote(password)}@" if password else (f"{user}@" if user else "")
        host = self.params.get("HOST") or "127.0.0.1"
        port = self.params.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{name}"

    def create(self, what: str, *, template: str | None = None) -> str:
        name = f"{self.prefix}_{what}"
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if template:
                admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            else:
                admin.execute(f'CREATE DATABASE "{name}"')
        if name not in self.created:
            self.created.append(name)
        return name

    def create_migrated_empty(self, what: str) -> str:
        """A copy of the template (first the migrated test database) with every row removed except those
        migrate writes."""
        name = self.create(what, template=self.template)
        with self.connect(name) as db:
            tables = [t for t in self.tables(name) if t not in NOT_DATA]
            if tables:
                db.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        return name

    def drop(self, name: str) -> None:
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_all(self) -> None:
        for name in self.created:
            self.drop(name)

    def tables(self, name: str) -> list[str]:
        with self.connect(name) as db:
            rows = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
            ).fetchall()
        return [row[0] for row in rows]

    def digest(self, name: str, *, exclude: tuple[str, ...] = ()) -> dict[str, tuple[int, str]]:
        """Every table's row count and a hash of its rows, in order (each row as PostgreSQL's text form)."""
        found = {}
        with self.connect(name) as db:
            for table in self.tables(name):
                if table in exclude:
                    continue
                count, digest = db.execute(
                    f"SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) "  # noqa: S608
                    f'FROM (SELECT t::text AS r FROM "{table}" t) s'
                ).fetchone()
                found[table] = (count, digest)
        return found

    def migrations(self, name: str) -> set[tuple[str, str]]:
        with self.connect(name) as db:
            return {tuple(row) for row in db.execute("SELECT app, name FROM django_migrations").fetchall()}
