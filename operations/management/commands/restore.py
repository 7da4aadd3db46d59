import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.restore import RestoreRefused, restore_archive, target_state


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an empty database and MEDIA_ROOT. Refuses, changing nothing, when the "
        "database holds data or MEDIA_ROOT holds files, unless --force is confirmed. Every checksum and the "
        "manifest's signature (BACKUP_SIGNING_KEY) are verified before anything is written; the database is loaded "
        "by a login that is not a superuser (BACKUP_RESTORE_ROLE); newer migrations are applied afterwards; row "
        "counts are compared with the archive's manifest (non-zero exit on any difference)."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="replace a database and MEDIA_ROOT that hold data (asks first)"
        )
        parser.add_argument("--yes-i-know", action="store_true", help="with --force: do not ask")
        parser.add_argument(
            "--allow-unsigned",
            action="store_true",
            help="also restore an archive made before backups were signed (no manifest.sig); only for an archive "
            "that comes straight from your own backup folder, since nothing shows it is unchanged",
        )

    def handle(self, *args, archive: Path, force: bool, yes_i_know: bool, allow_unsigned: bool, **options):
        if force:
            self._confirm(yes_i_know)
        try:
            restored = restore_archive(path=archive, force=force, allow_unsigned=allow_unsigned)
        except RestoreRefused as exc:
            raise CommandError(f"Restore refused, nothing was changed: {exc}") from exc
        for warning in restored.warnings:
            self.stderr.write(f"Warning: {warning}")
        manifest = restored.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (portal {manifest['portal_version']}): "
            f"{len(manifest['row_counts'])} tables, {restored.files} files."
        )
        if restored.differences:
            for table, (expected, found) in restored.differences.items():
                self.stderr.write(f"  {table}: {expected} rows in the archive, {found} in the database")
            raise CommandError(
                f"Row counts differ from the manifest in {len(restored.differences)} tables; migrations not applied.",
                returncode=3,
            )
        total = sum(manifest["row_counts"].values())
        self.stdout.write(f"Row counts match the manifest ({total} rows). Migrations applied.")

    def _confirm(self, yes_i_know: bool) -> None:
        tables, files = target_state()
        if not tables and not files:
            return
        if yes_i_know:
            return
        if not sys.stdin.isatty():
            raise CommandError("--force replaces existing data: confirm with --yes-i-know, or run it interactively.")
        name = str(connection.settings_dict["NAME"])
        self.stdout.write(
            f"The database {name} holds data in {len(tables)} tables and MEDIA_ROOT holds {len(files)} files. "
            "All of it will be replaced by the archive."
        )
        if input(f"Type the database name ({name}) to go on: ").strip() != name:
            raise CommandError("Not confirmed; nothing was changed.")
