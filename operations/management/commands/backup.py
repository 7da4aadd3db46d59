from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import filesizeformat

from operations.models import BackupResult
from operations.services import backup_run


class Command(BaseCommand):
    help = (
        "Write one backup archive (database, every uploaded file, manifest with checksums signed with "
        "BACKUP_SIGNING_KEY) into DIR "
        "(default BACKUP_DIR); encrypted with GnuPG when BACKUP_PASSPHRASE is set. The portal keeps running."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="DIR", type=Path, help="folder for the archive (default BACKUP_DIR)")

    def handle(self, *args, output: Path | None, **options):
        # Retention applies to BACKUP_DIR only; a folder given by hand keeps whatever is in it.
        run = backup_run(output_dir=output, prune=output is None)
        if run.result != BackupResult.SUCCESS:
            raise CommandError(f"Backup failed: {run.error}")
        path = Path(output or settings.BACKUP_DIR) / run.file_name
        self.stdout.write(
            f"Backup written in {run.duration.total_seconds():.1f} s, {filesizeformat(run.size)} "
            f"({run.size} bytes){', encrypted' if run.encrypted else ''}: {path}"
        )
