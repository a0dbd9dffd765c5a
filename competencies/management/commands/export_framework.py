"""``manage.py export_framework``: a competence framework version as CSV or JSON."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from competencies.models import Framework, FrameworkVersion
from competencies.services import framework_version_to_csv, framework_version_to_json


class Command(BaseCommand):
    help = "Write a competence framework version as CSV or JSON (the published version unless --version is given)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="The framework's code.")
        # Django's own --version (the program's version) gives way to the framework version.
        for container in (parser, parser._optionals):
            container.conflict_handler = "resolve"
        parser.add_argument("--version", dest="number", type=int, help="The version number.")
        parser.add_argument("--format", choices=["csv", "json"], default="json")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, code: str, number: int | None, format: str, output: str | None, **options) -> None:
        framework = Framework.objects.filter(code=code).first()
        if framework is None:
            raise CommandError(f"No framework has the code {code!r}.")
        versions = framework.versions.order_by("-number")
        if number is not None:
            version = versions.filter(number=number).first()
        else:
            version = versions.filter(status=FrameworkVersion.Status.PUBLISHED).first() or versions.first()
        if version is None:
            raise CommandError(f"The framework {code!r} has no version {number or ''}".rstrip() + ".")
        text = framework_version_to_csv(version) if format == "csv" else framework_version_to_json(version)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as file:
                file.write(text)
            self.stderr.write(f"Wrote {framework.code} version {version.number} to {output}.")
        else:
            self.stdout.write(text, ending="")
