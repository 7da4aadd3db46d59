from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from members.imports import runs, service
from members.imports.reading import UnreadableFile
from members.imports.report import as_text


class Command(BaseCommand):
    help = (
        "Import the member list (organisations, people, offices, fees) from a CSV or XLSX file as German Excel "
        "writes it. Reports created / updated / unchanged / skipped; each skipped row with its line number. "
        "Fails (non-zero, nothing written) only when the file as a whole cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or XLSX file")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")

    def handle(self, *args, file: str, dry_run: bool, **options):
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror}") from exc
        try:
            if dry_run:
                report = service.run(content=content, file_name=path.name, actor=None, dry_run=True)
            else:
                report = runs.import_file(content=content, file_name=path.name, actor=None).report
        except UnreadableFile as exc:
            raise CommandError(f"{path.name}: {exc}") from exc
        self.stdout.write(as_text(report))
