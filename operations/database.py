"""Dumping and loading the database: PostgreSQL with pg_dump / pg_restore, SQLite with its backup API.

PostgreSQL: a REPEATABLE READ transaction exports its snapshot; the row counts and the applied migrations are
read in that transaction and ``pg_dump --snapshot`` dumps exactly the same state. pg_dump takes only ACCESS
SHARE locks, which block schema changes but never reads or writes, so the portal keeps running.
"""

import os
import secrets
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient

# Rows that exist in an empty portal too: migrate writes them, and sessions are login state, not records.
NOT_DATA = frozenset({"django_migrations", "django_content_type", "auth_permission", "django_session"})


class DatabaseError(Exception):
    pass


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise DatabaseError(f"{name} is not installed (Debian package postgresql-client)")
    return found


def vendor() -> str:
    return connection.vendor


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables(cursor) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def _counts(cursor) -> dict[str, int]:
    counts = {}
    for table in _tables(cursor):
        cursor.execute(f"SELECT count(*) FROM {_quote(table)}")  # noqa: S608 (names from the catalogue)
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor, tables) -> list[list[str]]:
    if "django_migrations" not in tables:
        return []
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor)


def tables_with_data() -> list[str]:
    """The tables that hold rows a restore would overwrite (see NOT_DATA)."""
    found = []
    with connection.cursor() as cursor:
        for table in _tables(cursor):
            if table in NOT_DATA:
                continue
            cursor.execute(f"SELECT 1 FROM {_quote(table)} LIMIT 1")  # noqa: S608
            if cursor.fetchone():
                found.append(table)
    return found


def _pg_target_args() -> tuple[list[str], dict]:
    """Connection parameters for pg_dump / pg_restore / psql: Django's own translation of DATABASES
    (host, port, user as options; password, SSL mode, service as PG* environment variables)."""
    args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, [])
    args = args[1:]
    dbname = connection.settings_dict.get("NAME")
    if dbname and args and args[-1] == dbname:
        # psql takes the name as its last argument; --dbname works for all three tools.
        args = [*args[:-1], "--dbname", dbname]
    return args, {**os.environ, **(env or {})}


@contextmanager
def _sqlite_file():
    """A connection of its own to the SQLite file (independent of Django's connection and its transaction)."""
    db = sqlite3.connect(connection.settings_dict["NAME"], timeout=20)
    try:
        yield db
    finally:
        db.close()


def dump(target_dir: Path) -> tuple[str, dict]:
    """Write the database to ``target_dir``; returns (file name, manifest part)."""
    if vendor() == "postgresql":
        return _dump_postgresql(target_dir)
    if vendor() == "sqlite":
        return _dump_sqlite(target_dir)
    raise DatabaseError(f"backups support PostgreSQL and SQLite, not {vendor()}")


def _dump_postgresql(target_dir: Path) -> tuple[str, dict]:
    name = "database.dump"
    snapshot_connection = connection.get_new_connection(connection.get_connection_params())
    try:
        snapshot_connection.autocommit = False
        with snapshot_connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            tables = _tables(cursor)
            counts = _counts(cursor)
            migrations = _migrations(cursor, tables)
            args, env = _pg_target_args()
            command = [
                _tool("pg_dump"),
                *args,
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target_dir / name}",
            ]
            completed = subprocess.run(command, env=env, capture_output=True)  # noqa: S603
            if completed.returncode != 0:
                raise DatabaseError(f"pg_dump failed: {completed.stderr.decode(errors='replace').strip()}")
        snapshot_connection.rollback()
    finally:
        snapshot_connection.close()
    part = {"vendor": "postgresql", "member": name, "server_version": server_version}
    return name, {"database": part, "row_counts": counts, "migrations": migrations}


def _dump_sqlite(target_dir: Path) -> tuple[str, dict]:
    name = "database.sqlite3"
    if connection.is_in_memory_db():
        # The test database: only Django's own connection sees it.
        connection.ensure_connection()
        (target_dir / name).write_bytes(connection.connection.serialize())
    else:
        with _sqlite_file() as source:
            # The backup API copies a consistent state of the whole file, even while others write.
            copy = sqlite3.connect(target_dir / name)
            try:
                source.backup(copy)
            finally:
                copy.close()
    copy = sqlite3.connect(target_dir / name)
    try:
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
        migrations = []
        if "django_migrations" in tables:
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = [list(row) for row in cursor.fetchall()]
    finally:
        copy.close()
    return name, {"database": {"vendor": "sqlite", "member": name}, "row_counts": counts, "migrations": migrations}


# Drops what a migrated portal has in its schema (tables, views, sequences, functions such as the library's
# search trigger), but not what belongs to extensions (btree_gist). Runs in the same transaction as the load.
_PG_WIPE = """
DO $$
DECLARE item record;
BEGIN
    FOR item IN
        SELECT c.oid::regclass::text AS name,
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
        FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relkind = 'S'
    LOOP
        EXECUTE format('DROP %s IF EXISTS %s CASCADE', item.kind, item.name);
    END LOOP;
    FOR item IN
        SELECT p.oid::regprocedure::text AS name FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind IN ('f', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    LOOP
        EXECUTE format('DROP ROUTINE IF EXISTS %s CASCADE', item.name);
    END LOOP;
END
$$;
"""


def load(staging: Path, manifest: dict) -> None:
    """Replace the database's contents with the archive's (one transaction on PostgreSQL)."""
    member = staging / manifest["database"]["member"]
    archived = manifest["database"]["vendor"]
    if archived != vendor():
        raise DatabaseError(f"the archive holds a {archived} database, this portal uses {vendor()}")
    connection.close()
    if archived == "postgresql":
        _load_postgresql(member, staging)
    else:
        _load_sqlite(member)


def _load_postgresql(dump_file: Path, staging: Path) -> None:
    wipe = staging / "wipe.sql"
    wipe.write_text(_PG_WIPE)
    args, env = _pg_target_args()
    # pg_restore turns the dump into SQL; psql runs the wipe and all of it as one transaction,
    # so a failure anywhere leaves the database as it was. The SQL starts with \restrict and a key the dump
    # cannot know, so psql runs no backslash command (\! runs a shell) a changed dump might carry; pg_restore
    # releases before August 2025 lack --restrict-key and fail here rather than load unprotected.
    restore = subprocess.Popen(  # noqa: S603
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--no-comments",
            f"--restrict-key={secrets.token_hex(16)}",
            "--file=-",
            str(dump_file),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    psql = subprocess.run(  # noqa: S603
        [_tool("psql"), *args, "-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", str(wipe), "-f", "-"],
        stdin=restore.stdout,
        capture_output=True,
        env=env,
    )
    restore.stdout.close()
    restore_error = restore.stderr.read().decode(errors="replace").strip()
    if restore.wait() != 0:
        if "restrict-key" in restore_error:
            restore_error += " (PostgreSQL client tools 13.22, 14.19, 15.14, 16.10, 17.6 or newer are needed)"
        raise DatabaseError(f"pg_restore failed: {restore_error}")
    if psql.returncode != 0:
        raise DatabaseError(f"loading the dump failed: {psql.stderr.decode(errors='replace').strip()}")


def _load_sqlite(copy_file: Path) -> None:
    source = sqlite3.connect(copy_file)
    try:
        with _sqlite_file() as target:
            source.backup(target)
    finally:
        source.close()
