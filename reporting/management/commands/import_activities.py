"""``manage.py import_activities FILE [--dry-run]``: record activities from a CSV file, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.tabular import CsvError
from reporting.services.activity_import import COLUMNS, activities_import, activities_read


class Command(BaseCommand):
    help = (
        "Import activities (surveys, working groups, pilots, seminars, earlier totals) from CSV. "
        f"Columns: {', '.join(COLUMNS)}. All or nothing: any error is reported by line and nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A CSV file (UTF-8, UTF-16 or Windows-1252; semicolons, commas or tabs).")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; save nothing.")

    def handle(self, *args, file: str, dry_run: bool, **options) -> None:
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            report = activities_read(data) if dry_run else activities_import(data=data)
        except CsvError as error:
            raise CommandError(f"{file}: {error.message}") from error
        table = report.table
        self.stdout.write(f"Read {Path(file).name} as {table.encoding}, separator {table.delimiter_name}.")
        for message in report.errors:
            self.stderr.write(f"  {message}")
        for row in report.rows:
            if row.errors:
                for message in row.errors:
                    self.stderr.write(f"  line {row.line}: {message}")
            elif row.exists:
                self.stdout.write(f"  line {row.line}: {row.title}: already recorded, skipped")
        if not report.is_valid:
            problems = len(report.errors) + sum(len(row.errors) for row in report.rows)
            raise CommandError(f"{file}: {problems} error(s); nothing was imported.")
        if dry_run:
            self.stdout.write(f"{len(report.to_create)} activities would be recorded (dry run: nothing saved).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{report.created} activities recorded."))
