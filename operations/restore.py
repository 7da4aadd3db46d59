"""Restoring an archive into an empty database and MEDIA_ROOT.

Order: refuse a target that holds data (unless forced) and a privileged database login (restore_role.py),
decrypt and unpack into a private staging folder, check every byte and the manifest's signature (signing.py),
and only then replace the database (one transaction on PostgreSQL) and copy the files; compare the row counts
with the manifest; apply newer migrations.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from operations import archive, crypto, database, restore_role


class RestoreRefused(Exception):
    """Nothing was changed."""


@dataclass
class Restored:
    manifest: dict
    files: int
    differences: dict = field(default_factory=dict)  # table -> (in the manifest, in the database)
    warnings: list[str] = field(default_factory=list)


def media_in_use(root: Path) -> list[Path]:
    return [path for _name, path in archive.media_files(root)]


def target_state() -> tuple[list[str], list[Path]]:
    """(tables holding data, files in MEDIA_ROOT): both empty means a restore may go ahead."""
    return database.tables_with_data(), media_in_use(Path(settings.MEDIA_ROOT))


def _unpack(path: Path, staging: Path, passphrase: str, allow_unsigned: bool) -> dict:
    if path.name.endswith(crypto.SUFFIX):
        if not passphrase:
            raise RestoreRefused("the archive is encrypted: set BACKUP_PASSPHRASE to its passphrase")
        plain = staging / "archive.tar"
        try:
            crypto.decrypt(path, plain, passphrase)
        except crypto.EncryptionError as exc:
            raise RestoreRefused(str(exc)) from exc
        source = plain
    else:
        source = path
    members = staging / "members"
    members.mkdir()
    try:
        return archive.read_verified(source, members, allow_unsigned=allow_unsigned)
    except archive.BadSignature as exc:
        raise RestoreRefused(f"the archive's signature does not verify: {exc}") from exc
    except archive.NotSigned as exc:
        raise RestoreRefused(str(exc)) from exc
    except archive.ArchiveError as exc:
        raise RestoreRefused(f"the archive is damaged or incomplete: {exc}") from exc
    finally:
        if source != path:
            source.unlink(missing_ok=True)


def restore_archive(
    *, path: Path, force: bool = False, passphrase: str | None = None, migrate=True, allow_unsigned: bool = False
) -> Restored:
    """Restore ``path``; ``allow_unsigned`` admits archives made before backups were signed (format 1)."""
    passphrase = settings.BACKUP_PASSPHRASE if passphrase is None else passphrase
    if not path.is_file():
        raise RestoreRefused(f"no such archive: {path}")
    tables, files = target_state()
    if (tables or files) and not force:
        raise RestoreRefused(
            "the target is not empty: "
            + "; ".join(
                part
                for part in (
                    f"{len(tables)} tables hold data ({', '.join(tables[:5])}{', …' if len(tables) > 5 else ''})"
                    if tables
                    else "",
                    f"{len(files)} files in MEDIA_ROOT ({settings.MEDIA_ROOT})" if files else "",
                )
                if part
            )
        )
    try:
        # Load, count and migrate as the restore's own login: the migration must be able to change what it owns.
        with restore_role.restore_login() as warnings:
            return _restore(
                path=path,
                force=force,
                passphrase=passphrase,
                migrate=migrate,
                allow_unsigned=allow_unsigned,
                warnings=warnings,
            )
    except restore_role.LoginRefused as exc:
        raise RestoreRefused(str(exc)) from exc


def _restore(
    *, path: Path, force: bool, passphrase: str, migrate: bool, allow_unsigned: bool, warnings: list[str]
) -> Restored:
    with tempfile.TemporaryDirectory(prefix="defus-restore-") as staging_dir:
        staging = Path(staging_dir)
        manifest = _unpack(path, staging, passphrase, allow_unsigned)
        if manifest["format"] == archive.UNSIGNED_FORMAT:
            warnings.append("the archive is not signed (made before backups were signed); restored as allowed")
        members = staging / "members"
        if manifest["database"]["vendor"] != database.vendor():
            raise RestoreRefused(
                f"the archive holds a {manifest['database']['vendor']} database, this portal uses {database.vendor()}"
            )
        # Everything is checked; from here on the target changes.
        try:
            database.load(members, manifest)
        except database.DatabaseError as exc:
            # PostgreSQL loads in one transaction: a statement the login may not run undoes all of it.
            raise RestoreRefused(str(exc)) from exc
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        if force:
            archive.clear_directory(media_root)
        copied = 0
        for name in sorted(manifest["files"]):
            if not name.startswith(archive.MEDIA_PREFIX):
                continue
            target = media_root / name.removeprefix(archive.MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(members / name, target)
            copied += 1
    counts = database.row_counts()
    expected = manifest["row_counts"]
    differences = {
        table: (expected.get(table), counts.get(table))
        for table in sorted(set(expected) | set(counts))
        if expected.get(table) != counts.get(table)
    }
    result = Restored(manifest=manifest, files=copied, differences=differences, warnings=warnings)
    if not differences and migrate:
        # An older archive restores into newer code.
        call_command("migrate", interactive=False, verbosity=0)
    return result
