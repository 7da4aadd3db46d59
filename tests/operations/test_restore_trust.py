"""Restores on PostgreSQL that must not trust the archive: an archive changed with its checksums rewritten is
refused, and the database is loaded by a login that is not a superuser, so a dump that runs superuser-only
statements fails as a whole.

A small source (the migrated schema, one organisation and person, one upload) keeps these drills quick; the
demo-sized drill is test_restore_drill.py.
"""

from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import need_service
from tests.operations.drill import Postgres, command_env, media_digest, run_manage
from tests.operations.forge import forge, read_members

pytestmark = [pytest.mark.services, pytest.mark.slow, pytest.mark.django_db]

RUN_RECORDS = ("operations_backuprun",)
CREATE = """
from members.models import Organisation, User
essen = Organisation.objects.create(name="Stadt Essen", slug="stadt-essen")
User.objects.create_user(email="person@example.org", password="x" * 12, first_name="Änne", organisation=essen)
"""
# What a changed dump could carry: the person made a portal superuser, and an event trigger, which only a
# database superuser may create (in a real attack its function would run COPY … TO PROGRAM at the next migration).
HOSTILE = """
UPDATE members_user SET is_superuser = true;
CREATE FUNCTION on_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM 1; END $$;
CREATE EVENT TRIGGER on_ddl ON ddl_command_end EXECUTE FUNCTION on_ddl();
"""
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!kP2#vQ9zL4@mN8$rT1^wY6&bH3*cJ5(dF0)gS-eA+uZ=iO_lK",
    "ALLOWED_HOSTS": "portal.defus.example",
    "SITE_URL": "https://portal.defus.example",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


@dataclass
class Source:
    pg: Postgres
    name: str
    media: Path
    archive: Path
    hostile: Path  # signed, with HOSTILE in its dump
    tables: dict
    files: dict
    role: str  # NOSUPERUSER login for restores
    tmp: Path

    def target(self, what: str, *, owned: bool = True) -> tuple[str, dict]:
        """A brand-new database (owned by the restore login) and the environment of a restore into it."""
        name = self.pg.create(what)
        if owned:
            self.pg.admin_execute(f'ALTER DATABASE "{name}" OWNER TO "{self.role}"')
        return name, command_env(database_url=self.pg.url(name), media=self.tmp / f"media-{what}")

    def event_triggers(self, name: str) -> int:
        with self.pg.connect(name) as db:
            return db.execute("SELECT count(*) FROM pg_event_trigger").fetchone()[0]


def _backup(env: dict, folder: Path) -> Path:
    made = run_manage("backup", "--output", str(folder), env=env)
    assert made.returncode == 0, made.stderr
    (archive,) = folder.iterdir()
    return archive


@pytest.fixture(scope="module")
def source(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        need_service(connection.vendor == "postgresql", "DATABASE_URL does not point to PostgreSQL")
        pg = Postgres("trust")
        connection.close()
    tmp = tmp_path_factory.mktemp("trust")
    role = f"{pg.prefix}_restorer"
    try:
        pg.admin_execute(f'DROP ROLE IF EXISTS "{role}"')
        pg.admin_execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
        pg.template = pg.create_migrated_empty("empty")
        name = pg.create("src", template=pg.template)
        media = tmp / "media"
        env = command_env(database_url=pg.url(name), media=media)
        created = run_manage("shell", "-c", CREATE, env=env)
        assert created.returncode == 0, created.stderr
        (media / "documents" / "1").mkdir(parents=True)
        (media / "documents" / "1" / "bericht.pdf").write_bytes(b"%PDF-1.7 " + bytes(range(256)))
        tables, files = pg.digest(name), media_digest(media)
        hostile = pg.create("hostile", template=name)
        with pg.connect(hostile) as db:
            db.execute(HOSTILE)
        hostile_archive = _backup(command_env(database_url=pg.url(hostile), media=media), tmp / "hostile")
        yield Source(pg, name, media, _backup(env, tmp / "backups"), hostile_archive, tables, files, role, tmp)
    finally:
        pg.drop_all()
        pg.admin_execute(f'DROP ROLE IF EXISTS "{role}"')


def _no_tables(source: Source, name: str) -> bool:
    return source.pg.tables(name) == []


@pytest.mark.parametrize(
    ("seal", "message"),
    [
        ("old signature", "signature does not verify: the manifest was damaged or altered after it was signed"),
        ("own key", "signature does not verify: it was signed with another key"),
        ("unsigned", "the archive is not signed"),
    ],
)
def test_an_archive_changed_with_its_checksums_rewritten_is_refused_before_anything_is_written(source, seal, message):
    # The attacker swaps in the hostile dump and a document of their own and rewrites the manifest to match.
    forged = forge(
        source.archive,
        source.tmp / f"forged-{seal.replace(' ', '-')}.tar",
        replace={
            "database.dump": read_members(source.hostile)["database.dump"],
            "media/documents/1/bericht.pdf": b"%PDF-1.7 not the report",
        },
        seal=seal,
    )
    target, env = source.target(f"forged_{seal.split()[0]}")

    refused = run_manage("restore", str(forged), env={**env, "BACKUP_RESTORE_ROLE": source.role})

    assert refused.returncode != 0
    assert "Restore refused, nothing was changed" in refused.stderr and message in refused.stderr
    assert _no_tables(source, target)
    assert not (source.tmp / f"media-forged_{seal.split()[0]}").exists()


def test_a_signed_archive_restores_as_a_login_that_is_not_a_superuser(source):
    target, env = source.target("signed")

    restored = run_manage("restore", str(source.archive), env={**env, "BACKUP_RESTORE_ROLE": source.role})

    assert restored.returncode == 0, restored.stderr
    assert "Row counts match the manifest" in restored.stdout
    assert "the restore would load" not in restored.stderr
    assert source.pg.digest(target, exclude=RUN_RECORDS) == {
        table: value for table, value in source.tables.items() if table not in RUN_RECORDS
    }
    assert media_digest(source.tmp / "media-signed") == source.files
    with source.pg.connect(target) as db:
        owners = {row[0] for row in db.execute("SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
    assert owners == {source.role}


def test_a_superuser_only_statement_in_a_signed_dump_fails_the_whole_restore(source):
    target, env = source.target("hostile_as_role")

    refused = run_manage("restore", str(source.hostile), env={**env, "BACKUP_RESTORE_ROLE": source.role})

    assert refused.returncode != 0
    assert "permission denied to create event trigger" in refused.stderr
    assert _no_tables(source, target) and source.event_triggers(target) == 0
    assert not (source.tmp / "media-hostile_as_role").exists()
    # The same archive restored by a superuser (allowed with DEBUG on only) does carry the event trigger in.
    control, env = source.target("hostile_as_superuser", owned=False)
    loaded = run_manage("restore", str(source.hostile), env=env)
    assert loaded.returncode == 0, loaded.stderr
    assert "is a superuser" in loaded.stderr and "DEBUG" in loaded.stderr
    assert source.event_triggers(control) == 1


def test_production_refuses_to_load_as_a_superuser(source):
    target, env = source.target("production", owned=False)

    refused = run_manage("restore", str(source.archive), env={**env, **PRODUCTION})
    superuser = source.pg.params.get("USER") or "postgres"
    named = run_manage("restore", str(source.archive), env={**env, "BACKUP_RESTORE_ROLE": superuser})

    assert refused.returncode != 0, refused.stdout
    assert "is a superuser" in refused.stderr and "BACKUP_RESTORE_ROLE" in refused.stderr
    # Named explicitly, a superuser is refused on a development machine too.
    assert named.returncode != 0 and "must name a login without these rights" in named.stderr
    assert _no_tables(source, target)


def test_an_archive_from_before_signing_restores_only_with_allow_unsigned(source):
    old = forge(source.archive, source.tmp / "format-1.tar", seal="unsigned")
    target, env = source.target("unsigned")
    env = {**env, "BACKUP_RESTORE_ROLE": source.role}

    refused = run_manage("restore", str(old), env=env)
    assert refused.returncode != 0 and "--allow-unsigned" in refused.stderr
    assert _no_tables(source, target)

    restored = run_manage("restore", "--allow-unsigned", str(old), env=env)
    assert restored.returncode == 0, restored.stderr
    assert "Warning: the archive is not signed" in restored.stderr
    assert source.pg.digest(target, exclude=RUN_RECORDS) == {
        table: value for table, value in source.tables.items() if table not in RUN_RECORDS
    }
