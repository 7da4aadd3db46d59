from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analyses.pks import PksFormatError
from analyses.services import pks_import_file


class Command(BaseCommand):
    help = (
        "Import a BKA police crime statistics (PKS) city or district table (CSV or XLSX): an upsert per year, "
        "offence key and municipality, keeping member organisations and the national and state totals."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the CSV or XLSX table")
        parser.add_argument("--year", type=int, help="reporting year, when neither title nor file name says it")

    def handle(self, *args, file: str, year: int | None, **options):
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            report = pks_import_file(data=data, filename=file, year=year)
        except PksFormatError as error:
            raise CommandError(f"{file} refused, nothing imported: {error}") from None
        self.stdout.write(
            f"year {report.year}: created: {report.created}, updated: {report.updated}, "
            f"unchanged: {report.unchanged}, not members: {report.not_members}"
        )
        if report.members_missing:
            self.stdout.write(f"member organisations not in the table: {', '.join(report.members_missing)}")
