"""Importing activities from CSV: a dry run first, then all or nothing, with a report of every row.

One row per activity. Columns (the header names, in any order; only ``kind``, ``title`` and
``starts_on`` are required)::

    kind; title; level; starts_on; ends_on; organiser; project; course; events; participants;
    meetings; hours; language; delivery; description; people

``kind`` is a code of ``ActivityKind`` (``seminar``, ``survey``, ``working_group``, ``pilot`` …) or its
name in Finnish, Swedish or English; ``level`` ``perustaso`` / ``erityistaso`` (or the names); dates
ISO (2019-03-14) or Finnish (14.3.2019); ``organiser`` an organisation's name; ``project`` a
project's name in any language; ``course`` a course's title; ``people`` e-mail addresses separated
by spaces or commas (a list instead of a participant count). A row that matches an activity
already recorded (kind, title, start and project) is reported and skipped, so importing the same
file twice changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.tabular import CsvTable, cell_date, choice_labels, read_csv
from people.models import Organisation, ServiceLevel, User
from training.models import CoursePage

from ..choices import ActivityKind, Delivery
from ..models import Activity, Project
from .activities import activity_create, activity_problems

COLUMNS = (
    "kind", "title", "level", "starts_on", "ends_on", "organiser", "project", "course", "events", "participants",
    "meetings", "hours", "language", "delivery", "description", "people",
)  # fmt: skip
REQUIRED = ("kind", "title", "starts_on")
MAX_COUNT = 1_000_000
EMAILS = re.compile(r"[\s,;]+")


@dataclass
class ImportRow:
    line: int
    title: str
    errors: list[str] = field(default_factory=list)
    exists: bool = False
    fields: dict = field(default_factory=dict)
    people: list[User] = field(default_factory=list)


@dataclass
class ActivityImportReport:
    table: CsvTable | None
    rows: list[ImportRow]
    errors: list[str] = field(default_factory=list)  # about the file as a whole
    created: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    @property
    def to_create(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.exists and not row.errors]


class _Lookup:
    """The names the file may refer to, read once for the whole file."""

    def __init__(self, rows: list[dict]) -> None:
        self.kinds = choice_labels(ActivityKind.choices)
        self.levels = choice_labels(ServiceLevel.choices)
        self.deliveries = choice_labels(Delivery.choices)
        self.languages = choice_labels(settings.LANGUAGES)
        self.organisations = {organisation.name.lower(): organisation for organisation in Organisation.objects.all()}
        self.projects = {}
        for project in Project.objects.all():
            for name in (project.name_fi, project.name_sv, project.name_en):
                if name:
                    self.projects.setdefault(name.lower(), project)
        self.courses = {}
        for course in CoursePage.objects.order_by("pk").only("pk", "title"):
            self.courses.setdefault(course.title.lower(), course)
        emails = {email for row in rows for email in EMAILS.split(row.get("people", "").strip().lower()) if email}
        self.people = {person.email.lower(): person for person in User.objects.filter(email__in=emails)}


def _count(row: ImportRow, text: str, label: str) -> int | None:
    if not text.strip():
        return None
    try:
        value = int(text.strip().replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_COUNT:
        row.errors.append(
            _("Column %(column)s: give a whole number from 0 to %(max)s.") % {"column": label, "max": MAX_COUNT}
        )
        return None
    return value


def _choice(row: ImportRow, text: str, labels: dict[str, str], label: str) -> str:
    if not text.strip():
        return ""
    value = labels.get(text.strip().lower())
    if value is None:
        row.errors.append(_("Column %(column)s: unknown value “%(value)s”.") % {"column": label, "value": text.strip()})
        return ""
    return value


def _named(row: ImportRow, text: str, found: dict, label: str):
    if not text.strip():
        return None
    value = found.get(text.strip().lower())
    if value is None:
        row.errors.append(_("Column %(column)s: unknown value “%(value)s”.") % {"column": label, "value": text.strip()})
    return value


def _parse(line: int, cells: dict[str, str], lookup: _Lookup) -> ImportRow:
    row = ImportRow(line=line, title=cells.get("title", "").strip())
    fields = row.fields
    fields["kind"] = _choice(row, cells.get("kind", ""), lookup.kinds, "kind")
    if not cells.get("kind", "").strip():
        row.errors.append(_("The kind is missing."))
    if not row.title:
        row.errors.append(_("The title is missing."))
    elif len(row.title) > Activity._meta.get_field("title").max_length or "\x00" in row.title:
        row.errors.append(_("The title is too long (at most 300 characters)."))
    fields["title"] = row.title
    for name in ("starts_on", "ends_on"):
        text = cells.get(name, "").strip()
        fields[name] = None
        if text:
            try:
                fields[name] = cell_date(text)
            except ValueError:
                message = _("Column %(column)s: “%(value)s” is not a date (write 2019-03-14 or 14.3.2019).")
                row.errors.append(message % {"column": name, "value": text})
    if not cells.get("starts_on", "").strip():
        row.errors.append(_("The start date is missing."))
    fields["level"] = _choice(row, cells.get("level", ""), lookup.levels, "level")
    fields["language"] = _choice(row, cells.get("language", ""), lookup.languages, "language")
    fields["delivery"] = _choice(row, cells.get("delivery", ""), lookup.deliveries, "delivery")
    fields["organiser"] = _named(row, cells.get("organiser", ""), lookup.organisations, "organiser")
    fields["project"] = _named(row, cells.get("project", ""), lookup.projects, "project")
    fields["course"] = _named(row, cells.get("course", ""), lookup.courses, "course")
    fields["event_count"] = _count(row, cells.get("events", ""), "events")
    if not cells.get("events", "").strip():
        fields["event_count"] = 1
    fields["participant_count"] = _count(row, cells.get("participants", ""), "participants")
    fields["meeting_count"] = _count(row, cells.get("meetings", ""), "meetings")
    fields["description"] = cells.get("description", "").strip()
    fields["hours"] = _hours(row, cells.get("hours", ""))
    emails = [email for email in EMAILS.split(cells.get("people", "").strip().lower()) if email]
    unknown = [email for email in emails if email not in lookup.people]
    if unknown:
        row.errors.append(_("Unknown people: %(emails)s.") % {"emails": ", ".join(unknown)})
    row.people = [lookup.people[email] for email in dict.fromkeys(emails) if email in lookup.people]
    row.errors += [problem.message for problem in activity_problems(Activity(**fields), listed=len(row.people))]
    return row


def _hours(row: ImportRow, text: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        value = Decimal(-1)
    if not Decimal(0) <= value <= Decimal(10_000):
        row.errors.append(_("Column hours: give a number from 0 to 10000."))
        return None
    return value.quantize(Decimal("0.1"))


def _mark_existing(rows: list[ImportRow]) -> None:
    valid = [row for row in rows if not row.errors]
    if not valid:
        return
    condition = Q()
    for row in valid:
        condition |= Q(kind=row.fields["kind"], title=row.fields["title"], starts_on=row.fields["starts_on"])
    existing = set(Activity.objects.filter(condition).values_list("kind", "title", "starts_on", "project_id"))
    for row in valid:
        project = row.fields["project"]
        key = (row.fields["kind"], row.fields["title"], row.fields["starts_on"], project.pk if project else None)
        row.exists = key in existing


def activities_read(data: bytes) -> ActivityImportReport:
    """Check a file without writing anything: the report of what an import would do."""
    table = read_csv(data)
    header = [name.strip().lower() for name in table.header]
    unknown = [name for name in header if name and name not in COLUMNS]
    missing = [name for name in REQUIRED if name not in header]
    errors = []
    if missing:
        errors.append(_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)})
    if unknown:
        errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    if errors:
        return ActivityImportReport(table, [], errors)
    cells = [
        (line, {name: (values[index] if index < len(values) else "") for index, name in enumerate(header)})
        for line, values in table.numbered_rows()
    ]
    lookup = _Lookup([row for _line, row in cells])
    rows = [_parse(line, row, lookup) for line, row in cells]
    _mark_existing(rows)
    if not rows:
        errors.append(_("The file has no activities."))
    return ActivityImportReport(table, rows, errors)


@transaction.atomic
def activities_import(*, data: bytes) -> ActivityImportReport:
    """Import every new activity of the file, or none when any row is wrong (the report says which)."""
    report = activities_read(data)
    if not report.is_valid:
        return report
    for row in report.to_create:
        activity_create(people=row.people, **row.fields)
    report.created = len(report.to_create)
    return report
