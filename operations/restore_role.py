"""The PostgreSQL login a restore loads the database with, and why it must not be privileged.

A restore runs the SQL in the archive's dump. Run by a superuser (or a member of pg_execute_server_program,
pg_write_server_files or pg_read_server_files; before PostgreSQL 16 also a role with CREATEROLE, which may grant
itself those), a changed dump could run programs on the database server (``COPY … TO PROGRAM``), read or write
its files, or leave an event trigger that does so at the next migration. Loaded by a login without those rights,
such statements fail, and with them the whole load (one transaction).

Why a login of its own and not ``SET ROLE`` (``pg_restore --role``): SET ROLE changes only the current role, and
a line ``RESET ROLE`` in the dump gives a superuser session its rights back. What the session signed in as is out
of the dump's reach.

Which login: BACKUP_RESTORE_ROLE when set (same server and database as DATABASE_URL), else DATABASE_URL's own.
A privileged one is refused in production; on a development machine (DEBUG), where the local database usually
runs as ``postgres``, DATABASE_URL's own is used with a warning.
"""

from contextlib import contextmanager

from django.conf import settings
from django.db import DatabaseError, connection

_PRIVILEGES = """
SELECT session_user, r.rolsuper,
       r.rolcreaterole AND current_setting('server_version_num')::int < 160000,
       pg_has_role(session_user, 'pg_execute_server_program', 'MEMBER'),
       pg_has_role(session_user, 'pg_write_server_files', 'MEMBER'),
       pg_has_role(session_user, 'pg_read_server_files', 'MEMBER')
FROM pg_roles r WHERE r.rolname = session_user
"""


class LoginRefused(Exception):
    """The restore may not load the database with this login; nothing was written."""


def _privileges() -> tuple[str, list[str]]:
    """The signed-in login's name and what it may do that a restore must not."""
    with connection.cursor() as cursor:
        cursor.execute(_PRIVILEGES)
        name, superuser, createrole, program, write, read = cursor.fetchone()
    if superuser:
        return name, ["is a superuser"]
    named = [
        (createrole, "has CREATEROLE (before PostgreSQL 16 it may grant itself the rights below)"),
        (program, "may run programs on the server (pg_execute_server_program)"),
        (write, "may write the server's files (pg_write_server_files)"),
        (read, "may read the server's files (pg_read_server_files)"),
    ]
    return name, [reason for held, reason in named if held]


@contextmanager
def _signed_in_as(role: str, password: str):
    """Django's connection, and with it pg_restore and psql (database._pg_target_args), sign in as ``role``."""
    saved = {key: connection.settings_dict.get(key) for key in ("USER", "PASSWORD")}
    connection.close()
    connection.settings_dict.update(USER=role, PASSWORD=password)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def _problem(name: str, reasons: list[str]) -> str:
    return (
        f"the restore would load the database as {name}, which {' and '.join(reasons)}: "
        "a changed dump could run programs on the database server"
    )


@contextmanager
def restore_login():
    """Inside the block the database is reached as the login that loads the restore; yields warnings.

    Raises LoginRefused, before anything is written, when that login is privileged (or cannot sign in).
    """
    if connection.vendor != "postgresql":
        yield []
        return
    portal, portal_reasons = _privileges()
    role = settings.BACKUP_RESTORE_ROLE
    if not role:
        if not portal_reasons:
            yield []
            return
        if settings.PRODUCTION:
            raise LoginRefused(
                _problem(portal, portal_reasons) + ". Set BACKUP_RESTORE_ROLE to a login without these rights "
                "that owns the database, or let DATABASE_URL sign in as one (README, Backups)"
            )
        yield [_problem(portal, portal_reasons) + "; allowed only because DEBUG is on, production refuses it"]
        return
    with _signed_in_as(role, settings.BACKUP_RESTORE_PASSWORD):
        try:
            name, reasons = _privileges()
        except DatabaseError as exc:
            raise LoginRefused(f"cannot sign in to the database as BACKUP_RESTORE_ROLE {role}: {exc}") from exc
        if reasons:
            raise LoginRefused(_problem(name, reasons) + ": BACKUP_RESTORE_ROLE must name a login without these rights")
        warnings = []
        if portal_reasons:
            # The load is safe, but whatever the data holds (a trigger, a view calling a function) runs later with
            # the rights of the portal's login.
            warnings.append(
                f"DATABASE_URL signs in as {portal}, which {' and '.join(portal_reasons)}; the portal works with the "
                "restored data with these rights: give it a login without them"
            )
        yield warnings
