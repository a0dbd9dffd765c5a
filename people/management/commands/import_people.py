"""``manage.py import_people FILE [--dry-run]``: people from an HR export (CSV or XLSX), all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from core.tabular import CsvError, Encoding
from people.hr_import import Action, people_import, people_read
from people.models import ImportMapping


class Command(BaseCommand):
    help = (
        "Import people from an HR export (CSV or XLSX, one row per person). Default columns: "
        f"{', '.join(ImportMapping.FIELDS)}. All or nothing: any error is reported by line and nothing is saved. "
        "People of the file's organisations missing from it are deactivated (see --partial)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A CSV file (UTF-8; semicolons or commas) or an XLSX workbook.")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and report; save nothing.")
        parser.add_argument("--mapping", help="The name of a saved column mapping (default: the default mapping).")
        parser.add_argument(
            "--partial",
            action="store_true",
            help="The file lists only some people: nobody is deactivated for being missing from it.",
        )

    def handle(self, *args, file: str, dry_run: bool, mapping: str | None, partial: bool, **options) -> None:
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        chosen = None
        if mapping:
            chosen = ImportMapping.objects.filter(name=mapping).first()
            if chosen is None:
                raise CommandError(f"No column mapping called {mapping!r}.")
        try:
            if dry_run:
                report = people_read(data, mapping=chosen, full=not partial)
            else:
                report = people_import(data=data, mapping=chosen, full=not partial)
        except CsvError as error:
            raise CommandError(f"{file}: {error.message}") from error
        table = report.table
        if table.encoding == Encoding.XLSX:
            self.stdout.write(f"Read {Path(file).name} as an XLSX workbook.")
        else:
            self.stdout.write(f"Read {Path(file).name} as {table.encoding}, separator {table.delimiter_name}.")
        for message in report.errors:
            self.stderr.write(f"  {message}")
        for row in report.rows:
            if row.errors:
                for message in row.errors:
                    self.stderr.write(f"  line {row.line}: {row.email}: {message}")
            elif row.action != Action.UNCHANGED:
                detail = f" ({', '.join(row.change_labels)})" if row.changes and row.action != Action.CREATE else ""
                self.stdout.write(f"  line {row.line}: {row.email}: {row.action}{detail}")
        for person in report.missing:
            self.stdout.write(f"  {person.email}: deactivate (not in the export of {person.unit.organisation})")
        if not report.is_valid:
            problems = len(report.errors) + sum(len(row.errors) for row in report.rows)
            raise CommandError(f"{file}: {problems} error(s); nothing was imported.")
        counts = ", ".join(f"{action} {count}" for action, count in report.counts.items())
        if dry_run:
            self.stdout.write(f"{report.changes} change(s) would be made: {counts} (dry run: nothing saved).")
        else:
            self.stdout.write(self.style.SUCCESS(f"{report.changes} change(s) made: {counts}."))
