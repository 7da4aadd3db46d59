import json

from django.core.management.base import BaseCommand, CommandError

from funding.importer import WrongShape, import_calls


class Command(BaseCommand):
    help = "Import an EU Funding & Tenders portal search-API export (JSON): upsert by identifier."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the JSON export")

    def handle(self, *args, file: str, **options):
        try:
            with open(file, encoding="utf-8") as handle:
                data = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            report = import_calls(data)
        except WrongShape as error:
            raise CommandError(f"{file}: {error}") from None
        self.stdout.write(
            f"created: {len(report.created)}, updated: {len(report.updated)}, "
            f"unchanged: {len(report.unchanged)}, skipped: {len(report.skipped)}"
        )
        for identifier, reason in report.skipped:
            self.stdout.write(f"skipped {identifier}: {reason}")
