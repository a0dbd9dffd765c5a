"""Import a competence framework file (CSV or JSON) as a new draft version."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies.services.transfer import FrameworkImportError, framework_file_read, framework_import


class Command(BaseCommand):
    help = (
        "Import a competence framework from CSV or JSON as a new draft version (or a new framework). "
        "All or nothing: any error is reported by row and nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", help="A .csv (UTF-8, UTF-16 or Windows-1252; semicolons, commas or tabs) or .json file."
        )
        parser.add_argument("--format", choices=["csv", "json"], help="Default: by the file name or content.")

    def handle(self, *args, file: str, format: str | None, **options) -> None:
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        parsed = framework_file_read(content=content, filename=path.name, fmt=format)
        if parsed.encoding:
            separator = f", separator {parsed.delimiter!r}" if parsed.delimiter else ""
            self.stdout.write(f"Read {path.name} as {parsed.encoding}{separator}.")
        try:
            version = framework_import(content=parsed, filename=path.name)
        except FrameworkImportError as error:
            for problem in error.problems:
                self.stderr.write(f"  {'row ' + problem.row + ': ' if problem.row else ''}{problem.message}")
            raise CommandError(f"{file}: {len(error.problems)} error(s); nothing was imported.") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {version.framework.code} as draft version {version.number}: "
                f"{version.areas.count()} areas, {version.competences.count()} competences."
            )
        )
