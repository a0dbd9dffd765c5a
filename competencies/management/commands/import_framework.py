from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies.services import FrameworkImportError, framework_import


class Command(BaseCommand):
    help = (
        "Import a competence framework from CSV or JSON as a new draft version (or a new framework). "
        "All or nothing: any error is reported by row and nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .csv or .json file (UTF-8).")
        parser.add_argument("--format", choices=["csv", "json"], help="Default: by the file name or content.")

    def handle(self, *args, file: str, format: str | None, **options) -> None:
        path = Path(file)
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        try:
            version = framework_import(content=content, filename=path.name, fmt=format)
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
