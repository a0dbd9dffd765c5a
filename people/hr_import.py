"""Importing people from an HR export: a dry run first, then all or nothing, with a report of every row.

One row per person, a UTF-8 CSV (``;`` or ``,``; other encodings as ``core.tabular`` reads them) or an
XLSX workbook. The default columns, renamed by a saved ``ImportMapping``::

    employee_id; email; first_name; last_name; organisation; unit; professional_group; service_level;
    language; manager; end_date

``email``, ``first_name``, ``last_name``, ``organisation`` and ``unit`` are required. The organisation is
matched by name or code, the unit by name or code within it, the professional group by code (or
name), all without regard to case: an unknown one is an error, never created. ``service_level`` is
``perustaso`` / ``erityistaso``, ``language`` ``fi`` / ``sv`` / ``en``, ``manager`` yes/no (1, x, kyllä,
ja …: the person manages their unit), ``end_date`` ISO (2026-03-14) or Finnish (14.3.2026). An empty
optional cell keeps what the person has (a new person gets the defaults).

People are matched by employee ID, else by e-mail address. Each row is reported as created,
updated, moved (their unit changed), deactivated (an end date in the past), unchanged, or skipped
(a new person whose end date has passed). A full export (the default) is the whole staff of each
organisation it names: active people of those organisations missing from it are deactivated, never
deleted (administrators excepted). The import is one transaction and writes in bulk, so the number
of queries does not grow with the file; importing the same file twice changes nothing the second
time. Deactivated people are announced with ``people.signals.person_deactivated``.
"""

from __future__ import annotations

import datetime
import enum
import functools
import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.tabular import DATE_PATTERNS, CsvTable, cell_date, choice_labels, read_table

from .models import ImportMapping, Organisation, OrgUnit, ProfessionalGroup, ServiceLevel, User
from .signals import send_person_deactivated

REQUIRED = ("email", "first_name", "last_name", "organisation", "unit")
NAME_MAX_LENGTH = 150
BATCH = 1000
GROUPED_UPDATES = 200  # at most this many distinct values of a field are written value by value
YES = {"1", "x", "yes", "y", "true", "kyllä", "k", "ja", "j"}
NO = {"", "0", "no", "n", "false", "ei", "e", "nej"}
LANGUAGE_NAMES = {
    "suomi": "fi", "finnish": "fi", "finska": "fi",
    "svenska": "sv", "ruotsi": "sv", "swedish": "sv",
    "english": "en", "englanti": "en", "engelska": "en",
}  # fmt: skip
# The person's fields an import writes, in the order the report names them.
PERSON_FIELDS = (
    "email", "first_name", "last_name", "employee_id", "unit", "professional_group", "service_level",
    "preferred_language", "employment_ends_on", "is_active",
)  # fmt: skip


# What matching and updating a person reads: everything an import may write, and the administrator flag.
LOADED_FIELDS = (
    "pk",
    "is_superuser",
    *(f"{name}_id" if name in ("unit", "professional_group") else name for name in PERSON_FIELDS),
)


class Action(enum.StrEnum):
    CREATE = "create"
    UPDATE = "update"
    MOVE = "move"
    DEACTIVATE = "deactivate"
    UNCHANGED = "unchanged"
    SKIP = "skip"

    @property
    def label(self) -> str:
        return str(ACTION_LABELS[self])


ACTION_LABELS = {
    Action.CREATE: gettext_lazy("created"),
    Action.UPDATE: gettext_lazy("updated"),
    Action.MOVE: gettext_lazy("moved"),
    Action.DEACTIVATE: gettext_lazy("deactivated"),
    Action.UNCHANGED: gettext_lazy("unchanged"),
    Action.SKIP: gettext_lazy("skipped (has left)"),
}


@dataclass
class PersonRow:
    line: int
    email: str
    name: str
    employee_id: str = ""
    errors: list[str] = field(default_factory=list)
    action: Action | None = None
    changes: list[str] = field(default_factory=list)  # field names
    values: dict = field(default_factory=dict)
    person: User | None = None
    manager: bool | None = None  # None: the file has no manager column
    old_unit_id: int | None = None
    managerships_to_remove: list[int] = field(default_factory=list)  # rows of OrgUnit.managers

    @property
    def change_labels(self) -> list[str]:
        labels = {name: str(User._meta.get_field(name).verbose_name) for name in PERSON_FIELDS}
        labels["manager"] = _("manager")
        labels["is_active"] = _("active")
        return [labels.get(name, name) for name in self.changes]


@dataclass
class PeopleImportReport:
    table: CsvTable | None
    rows: list[PersonRow]
    errors: list[str] = field(default_factory=list)  # about the file as a whole
    missing: list[User] = field(default_factory=list)  # active people of the organisations, not in the file
    organisations: list[Organisation] = field(default_factory=list)
    applied: bool = False

    @property
    def is_valid(self) -> bool:
        return not self.errors and not any(row.errors for row in self.rows)

    def count(self, action: Action) -> int:
        found = sum(1 for row in self.rows if row.action == action and not row.errors)
        return found + (len(self.missing) if action == Action.DEACTIVATE else 0)

    @property
    def counts(self) -> dict[Action, int]:
        return {action: self.count(action) for action in Action}

    @property
    def changes(self) -> int:
        """People the import creates, changes or deactivates."""
        return sum(count for action, count in self.counts.items() if action not in (Action.UNCHANGED, Action.SKIP))


def default_mapping() -> ImportMapping:
    """The saved default mapping, else one reading the default column names."""
    return ImportMapping.objects.filter(is_default=True).first() or ImportMapping(name="default")


FIRST_NAME_MISSING = gettext_lazy("The first name is missing.")
LAST_NAME_MISSING = gettext_lazy("The last name is missing.")
DUPLICATE_EMAIL = gettext_lazy("The e-mail address is also on line %(line)s.")
DUPLICATE_EMPLOYEE_ID = gettext_lazy("The employee ID is also on line %(line)s.")
EMAIL_VALIDATOR = EmailValidator()
EMAIL_USER = re.compile(EMAIL_VALIDATOR.user_regex.pattern, re.IGNORECASE)  # compiled once, not a lazy object


@functools.lru_cache(maxsize=1024)
def _is_email_domain(domain: str) -> bool:
    return EMAIL_VALIDATOR.validate_domain_part(domain)


def _is_email(email: str) -> bool:
    """Django's e-mail validation, with each domain checked once (an export has few domains)."""
    user, _at, domain = email.rpartition("@")
    if not user or len(email) > 254 or not EMAIL_USER.match(user):
        return False
    if _is_email_domain(domain):
        return True
    try:
        EMAIL_VALIDATOR(email)  # internationalised domains, as Django takes them
    except ValidationError:
        return False
    return True


class _Lookup:
    """Everything the file refers to, read once for the whole file (a fixed number of queries)."""

    def __init__(self, cells: list[dict[str, str]]) -> None:
        self.organisations: dict[str, Organisation] = {}
        for organisation in Organisation.objects.all():
            self.organisations[organisation.name.strip().lower()] = organisation
            if organisation.code:
                self.organisations.setdefault(organisation.code.strip().lower(), organisation)
        named = {self.organisations.get(row.get("organisation", "").strip().lower()) for row in cells}
        organisation_ids = [organisation.pk for organisation in named if organisation]
        self.units_by_name: dict[tuple[int, str], list[OrgUnit]] = {}
        self.units_by_code: dict[tuple[int, str], OrgUnit] = {}
        for unit in OrgUnit.objects.filter(organisation_id__in=organisation_ids):
            self.units_by_name.setdefault((unit.organisation_id, unit.name.strip().lower()), []).append(unit)
            if unit.code:
                self.units_by_code[(unit.organisation_id, unit.code.strip().lower())] = unit
        self.groups: dict[str, ProfessionalGroup] = {}
        for group in ProfessionalGroup.objects.all():
            for name in (group.name_fi, group.name_sv, group.name_en):
                if name:
                    self.groups.setdefault(name.strip().lower(), group)
            self.groups[group.code.lower()] = group
        self.levels = choice_labels(ServiceLevel.choices)
        self.languages = {code: code for code, _name in settings.LANGUAGES} | LANGUAGE_NAMES
        employee_ids = {row.get("employee_id", "").strip() for row in cells} - {""}
        emails = {row.get("email", "").strip().lower() for row in cells} - {""}
        people = User.objects.only(*LOADED_FIELDS)
        self.by_employee_id = {person.employee_id: person for person in people.filter(employee_id__in=employee_ids)}
        self.by_email = {person.email.lower(): person for person in people.filter(email__in=emails)}
        matched = {person.pk for person in (*self.by_employee_id.values(), *self.by_email.values())}
        # (person, unit) → the row of OrgUnit.managers, for the people of the file who manage a unit
        self.managed: dict[tuple[int, int], int] = {
            (user_id, unit_id): pk
            for pk, user_id, unit_id in OrgUnit.managers.through.objects.filter(
                orgunit__organisation_id__in=organisation_ids
            ).values_list("pk", "user_id", "orgunit_id")
            if user_id in matched
        }
        self.organisation_ids = organisation_ids


def _unit(row: PersonRow, organisation: Organisation, text: str, lookup: _Lookup) -> OrgUnit | None:
    key = (organisation.pk, text.strip().lower())
    if unit := lookup.units_by_code.get(key):
        return unit
    units = lookup.units_by_name.get(key, [])
    if len(units) > 1:
        message = _("Several units of %(organisation)s are called “%(unit)s”: give the unit's code instead.")
        row.errors.append(message % {"organisation": organisation.name, "unit": text.strip()})
        return None
    if not units:
        message = _("Unknown unit “%(unit)s” in %(organisation)s.")
        row.errors.append(message % {"organisation": organisation.name, "unit": text.strip()})
        return None
    return units[0]


def _unknown(row: PersonRow, column: str, text: str) -> None:
    row.errors.append(_("Column %(column)s: unknown value “%(value)s”.") % {"column": column, "value": text.strip()})


def _parse(line: int, cells: dict[str, str], lookup: _Lookup, present: set[str]) -> PersonRow:
    email = cells.get("email", "").strip().lower()
    first_name, last_name = cells.get("first_name", "").strip(), cells.get("last_name", "").strip()
    row = PersonRow(
        line=line,
        email=email,
        name=f"{first_name} {last_name}".strip(),
        employee_id=cells.get("employee_id", "").strip(),
    )
    values = row.values
    if not email:
        row.errors.append(_("The e-mail address is missing."))
    elif not _is_email(email):
        row.errors.append(_("“%(value)s” is not an e-mail address.") % {"value": email})
    for name, value, message in (
        ("first_name", first_name, FIRST_NAME_MISSING),
        ("last_name", last_name, LAST_NAME_MISSING),
    ):
        if not value:
            row.errors.append(str(message))
        elif len(value) > NAME_MAX_LENGTH:
            row.errors.append(_("Column %(column)s: at most 150 characters.") % {"column": name})
        values[name] = value
    values["email"] = email
    if len(row.employee_id) > 50:
        row.errors.append(_("Column %(column)s: at most 50 characters.") % {"column": "employee_id"})
    if row.employee_id:
        values["employee_id"] = row.employee_id
    organisation_text = cells.get("organisation", "").strip()
    organisation = lookup.organisations.get(organisation_text.lower())
    if not organisation_text:
        row.errors.append(_("The organisation is missing."))
    elif organisation is None:
        _unknown(row, "organisation", organisation_text)
    unit_text = cells.get("unit", "").strip()
    if not unit_text:
        row.errors.append(_("The unit is missing."))
    elif organisation is not None:
        values["unit"] = _unit(row, organisation, unit_text, lookup)
    if text := cells.get("professional_group", "").strip():
        values["professional_group"] = lookup.groups.get(text.lower())
        if values["professional_group"] is None:
            _unknown(row, "professional_group", text)
    if text := cells.get("service_level", "").strip():
        values["service_level"] = lookup.levels.get(text.lower())
        if values["service_level"] is None:
            _unknown(row, "service_level", text)
    if text := cells.get("language", "").strip():
        values["preferred_language"] = lookup.languages.get(text.lower())
        if values["preferred_language"] is None:
            _unknown(row, "language", text)
    if "manager" in present:
        text = cells.get("manager", "").strip().lower()
        row.manager = text in YES
        if text not in YES | NO:
            _unknown(row, "manager", text)
    if "end_date" in present:
        text = cells.get("end_date", "").strip()
        values["employment_ends_on"] = None
        if text:
            try:
                values["employment_ends_on"] = cell_date(text, (*DATE_PATTERNS, "%Y-%m-%d %H:%M:%S"))
            except ValueError:
                message = _("Column %(column)s: “%(value)s” is not a date (write 2026-03-14 or 14.3.2026).")
                row.errors.append(message % {"column": "end_date", "value": text})
    return row


def _match(row: PersonRow, lookup: _Lookup, today: datetime.date) -> None:
    """Find the person of a valid row and decide what the import does with them."""
    by_id = lookup.by_employee_id.get(row.employee_id) if row.employee_id else None
    by_email = lookup.by_email.get(row.email)
    if by_id and by_email and by_id.pk != by_email.pk:
        row.errors.append(_("The employee ID and the e-mail address belong to two different people."))
        return
    person = by_id or by_email
    if person and row.employee_id and person.employee_id and person.employee_id != row.employee_id:
        message = _("The e-mail address belongs to a person with another employee ID (%(employee_id)s).")
        row.errors.append(message % {"employee_id": person.employee_id})
        return
    ends_on = row.values.get("employment_ends_on")
    has_left = ends_on is not None and ends_on < today
    row.person = person
    if person is None:
        row.action = Action.SKIP if has_left else Action.CREATE
        return
    row.old_unit_id = person.unit_id
    for name, value in row.values.items():
        current = getattr(person, f"{name}_id") if name in ("unit", "professional_group") else getattr(person, name)
        wanted = value.pk if name in ("unit", "professional_group") and value is not None else value
        if current != wanted:
            row.changes.append(name)
    unit_id = row.values["unit"].pk
    if row.manager is not None and row.manager != ((person.pk, unit_id) in lookup.managed):
        row.changes.append("manager")
        if not row.manager:
            row.managerships_to_remove.append(lookup.managed[(person.pk, unit_id)])
    if person.unit_id != unit_id and (person.pk, person.unit_id) in lookup.managed:
        row.managerships_to_remove.append(lookup.managed[(person.pk, person.unit_id)])  # moved away
    if has_left:
        row.action = Action.DEACTIVATE if person.is_active else (Action.UPDATE if row.changes else Action.UNCHANGED)
        return
    if not person.is_active:
        row.changes.append("is_active")
    if "unit" in row.changes:
        row.action = Action.MOVE
    else:
        row.action = Action.UPDATE if row.changes else Action.UNCHANGED


def _check_duplicates(rows: list[PersonRow]) -> None:
    emails: dict[str, int] = {}
    employee_ids: dict[str, int] = {}
    for row in rows:
        for seen, key, message in (
            (emails, row.email, DUPLICATE_EMAIL),
            (employee_ids, row.employee_id, DUPLICATE_EMPLOYEE_ID),
        ):
            if not key:
                continue
            if key in seen:
                row.errors.append(str(message) % {"line": seen[key]})
            else:
                seen[key] = row.line


def people_read(
    data: bytes, *, mapping: ImportMapping | None = None, full: bool = True, today: datetime.date | None = None
) -> PeopleImportReport:
    """Check a file without writing anything: the report of what an import would do. Raises CsvError."""
    mapping = mapping or default_mapping()
    today = today or timezone.localdate()
    table = read_table(data)
    columns = mapping.columns()
    header = [name.strip().lower() for name in table.header]
    by_column = {column: name for name, column in columns.items()}
    present = {by_column[column] for column in header if column in by_column}
    missing = [columns[name] for name in REQUIRED if name not in present]
    if missing:
        errors = [_("Columns missing: %(columns)s.") % {"columns": ", ".join(missing)}]
        return PeopleImportReport(table, [], errors)
    cells = [
        (
            line,
            {
                by_column[column]: (values[index] if index < len(values) else "")
                for index, column in enumerate(header)
                if column in by_column
            },
        )
        for line, values in table.numbered_rows()
    ]
    lookup = _Lookup([row for _line, row in cells])
    rows = [_parse(line, row, lookup, present) for line, row in cells]
    _check_duplicates(rows)
    for row in rows:
        if not row.errors:
            _match(row, lookup, today)
    errors = [] if rows else [_("The file has no people.")]
    report = PeopleImportReport(table, rows, errors)
    report.organisations = list(Organisation.objects.filter(pk__in=lookup.organisation_ids))
    if full and report.is_valid:
        listed = {row.person.pk for row in rows if row.person is not None}
        staff = User.objects.filter(
            is_active=True, is_superuser=False, unit__organisation_id__in=lookup.organisation_ids
        )
        missing = [pk for pk in staff.values_list("pk", flat=True) if pk not in listed]
        if missing:
            report.missing = list(User.objects.filter(pk__in=missing).select_related("unit__organisation"))
    return report


def _new_person(row: PersonRow) -> User:
    values = row.values
    person = User(
        email=row.email,
        first_name=values["first_name"],
        last_name=values["last_name"],
        employee_id=row.employee_id,
        unit=values["unit"],
        professional_group=values.get("professional_group"),
        service_level=values.get("service_level") or ServiceLevel.BASIC,
        preferred_language=values.get("preferred_language") or User.Language.FI,
        employment_ends_on=values.get("employment_ends_on"),
        # No usable password (as make_password(None), faster): signs in through the organisation or sets one by e-mail.
        password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
    )
    return person


@transaction.atomic
def people_import(
    *, data: bytes, mapping: ImportMapping | None = None, full: bool = True, today: datetime.date | None = None
) -> PeopleImportReport:
    """Import the file, or nothing when any row is wrong (the report says which). Raises CsvError."""
    report = people_read(data, mapping=mapping, full=full, today=today)
    if not report.is_valid:
        return report
    rows = [row for row in report.rows if not row.errors]
    created = User.objects.bulk_create(
        [_new_person(row) for row in rows if row.action == Action.CREATE], batch_size=BATCH
    )
    for row, person in zip([row for row in rows if row.action == Action.CREATE], created, strict=True):
        row.person = person
    changed, fields = [], set()
    deactivated = list(report.missing)
    for row in rows:
        if row.action not in (Action.UPDATE, Action.MOVE, Action.DEACTIVATE):
            continue
        person = row.person
        for name in row.changes:
            if name == "manager":
                continue
            if name == "is_active":
                person.is_active = True
            else:
                setattr(person, name, row.values[name])
            fields.add(name)
        if row.action == Action.DEACTIVATE:
            person.is_active = False
            fields.add("is_active")
            deactivated.append(person)
        changed.append(person)
    _save_changes(changed, sorted(fields))
    if report.missing:
        User.objects.filter(pk__in=[person.pk for person in report.missing]).update(is_active=False)
        for person in report.missing:
            person.is_active = False
    _update_managers(rows)
    send_person_deactivated(deactivated)
    report.applied = True
    return report


def _save_changes(people: list[User], fields: list[str]) -> None:
    """Write ``fields`` of ``people``: one UPDATE per field and value where few values recur (units moved to,
    the deactivated), Django's ``bulk_update`` for a field whose values are all different (names)."""
    for name in fields:
        attname = User._meta.get_field(name).attname
        groups: dict[object, list[int]] = {}
        for person in people:
            groups.setdefault(getattr(person, attname), []).append(person.pk)
        if len(groups) <= GROUPED_UPDATES:
            for value, pks in groups.items():
                for start in range(0, len(pks), BATCH * 10):
                    User.objects.filter(pk__in=pks[start : start + BATCH * 10]).update(**{attname: value})
        else:
            User.objects.bulk_update(people, [name], batch_size=BATCH)


def _update_managers(rows: list[PersonRow]) -> None:
    """Add and remove managers of units as the rows' manager flags say (a person moved leaves the old unit's)."""
    through = OrgUnit.managers.through
    add, remove = [], []
    for row in rows:
        if row.action in (Action.UNCHANGED, Action.SKIP, None):
            continue
        if row.manager and (row.action == Action.CREATE or "manager" in row.changes):
            add.append(through(user_id=row.person.pk, orgunit_id=row.values["unit"].pk))
        remove += row.managerships_to_remove
    if remove:
        through.objects.filter(pk__in=remove).delete()
    if add:
        through.objects.bulk_create(add, batch_size=BATCH, ignore_conflicts=True)
