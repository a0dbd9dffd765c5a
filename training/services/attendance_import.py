"""Reading attendance files: a sign-in sheet saved as CSV, or a Microsoft Teams attendance report.

The file is read by ``core.tabular`` (UTF-8, UTF-16 or Windows-1252; semicolons, commas or tabs),
which says how it read it for the dry run. The header row is the first row naming an email or a
name column; a Teams report's summary above it is skipped, and the next numbered section
("3. In-Meeting Activities") ends the rows.

Each row gives a status: a status column; else minutes or a duration; else a join and a leave
time (a Teams report without durations), or "Joined"/"Left" rows with a timestamp (the older
Teams report); else simply being listed means present. Times of one person add up: durations are
summed, intervals merged and clipped to the session day. Either way, a person there for
``PRESENT_SHARE`` of the day or more is present, else partly present for those minutes. A row is
matched to a confirmed participant by email; a row without an email (or a file without an email
column) by name ("First Last", "Last First" or "Last, First"; "(Guest)"-style suffixes are
ignored). Nothing here writes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import CsvError, CsvTable, delimiter_name, read_csv

from ..errors import TrainingError
from ..models import Attendance, Enrolment, SessionDay
from .attendance_times import UnreadableTime, covered_minutes, intervals_from_events, parse_timestamp

Status = Attendance.Status

MAX_BYTES = 1_000_000
# Without a status column, this share of the day's length (or more) counts as present.
PRESENT_SHARE = 0.9

EMAIL_COLUMNS = ("email", "e-mail", "email address", "sähköposti", "sähköpostiosoite", "e-post", "e-postadress")
UPN_COLUMNS = ("participant id (upn)", "upn", "osallistujan tunnus (upn)")
NAME_COLUMNS = ("name", "full name", "nimi", "koko nimi", "namn", "fullständigt namn", "participant", "osallistuja")
FIRST_NAME_COLUMNS = ("first name", "etunimi", "förnamn")
LAST_NAME_COLUMNS = ("last name", "sukunimi", "efternamn")
STATUS_COLUMNS = ("status", "attendance", "läsnäolo", "närvaro", "tila")
MINUTES_COLUMNS = ("minutes", "minutes present", "minuutit", "minuuttia", "läsnä minuutteja", "minuter")
DURATION_COLUMNS = (
    "in-meeting duration",
    "attendance duration",
    "duration",
    "kesto",
    "kokouksen kesto",
    "kokouksessa oltu aika",
    "osallistumisen kesto",
    "varaktighet",
    "tid i mötet",
)
JOIN_COLUMNS = (
    "join time",
    "first join",
    "liittymisaika",
    "liittymisen aika",
    "ensimmäinen liittyminen",
    "anslutningstid",
    "första anslutning",
)
LEAVE_COLUMNS = (
    "leave time",
    "last leave",
    "lähtöaika",
    "poistumisaika",
    "poistumisen aika",
    "viimeinen poistuminen",
    "tid för lämnande",
    "senaste lämnande",
)
ACTION_COLUMNS = ("user action", "käyttäjän toiminto", "toiminto", "användaråtgärd", "åtgärd")
TIMESTAMP_COLUMNS = ("timestamp", "aikaleima", "tidsstämpel")
JOINED_WORDS = {"joined", "joined before", "liittyi", "liittyi ennen", "anslöt", "anslöt före"}
LEFT_WORDS = {"left", "poistui", "lähti", "lämnade"}

STATUS_WORDS = {
    Status.PRESENT: {"present", "läsnä", "paikalla", "x", "yes", "kyllä", "k", "1", "närvarande", "ja"},
    Status.PARTIAL: {"partial", "partly present", "osittain", "osittain läsnä", "delvis", "delvis närvarande"},
    Status.ABSENT: {"absent", "poissa", "no", "ei", "e", "0", "frånvarande", "nej"},
}
WORD_STATUS = {word: status for status, words in STATUS_WORDS.items() for word in words}

SECTION_HEADING = re.compile(r"^\s*\d+\.\s+\S")
CLOCK = re.compile(r"^(\d+):(\d{1,2})(?::(\d{1,2}))?$")
NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")
DURATION_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*([a-zåäö]+)\.?")
UNIT_SECONDS = (("h", 3600), ("t", 3600), ("m", 60), ("s", 1))  # hours/tuntia/timmar, min/minuter, s/sek
NAME_NOISE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@dataclass
class ImportRow:
    """A row that was not used, with why."""

    line: int
    name: str
    email: str
    problem: str


@dataclass
class ImportMatch:
    enrolment: Enrolment
    status: str
    minutes: int | None
    lines: list[int] = field(default_factory=list)

    def get_status_display(self) -> str:
        return str(Status(self.status).label)


@dataclass
class ImportReport:
    rows: int
    matches: list[ImportMatch]
    unmatched: list[ImportRow]
    invalid: list[ImportRow]
    missing: list[Enrolment]
    delimiter: str
    encoding: str = ""
    applied: bool = False
    day: Any = None

    @property
    def can_apply(self) -> bool:
        return not self.invalid and bool(self.matches)

    @property
    def delimiter_name(self) -> str:
        return delimiter_name(self.delimiter)


# The table
# ------------------------------------------------------------------------------

FILE_ERRORS = {"csv_empty": "import_empty", "csv_no_header": "import_columns"}


def _key(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in header:
            return header.index(name)
    return None


@dataclass
class Columns:
    email: int | None
    upn: int | None
    name: int | None
    first: int | None
    last: int | None
    status: int | None
    minutes: int | None
    duration: int | None
    join: int | None
    leave: int | None
    action: int | None
    timestamp: int | None

    @classmethod
    def from_header(cls, cells: list[str]) -> Columns:
        header = [_key(cell) for cell in cells]
        return cls(
            email=_column(header, EMAIL_COLUMNS),
            upn=_column(header, UPN_COLUMNS),
            name=_column(header, NAME_COLUMNS),
            first=_column(header, FIRST_NAME_COLUMNS),
            last=_column(header, LAST_NAME_COLUMNS),
            status=_column(header, STATUS_COLUMNS),
            minutes=_column(header, MINUTES_COLUMNS),
            duration=_column(header, DURATION_COLUMNS),
            join=_column(header, JOIN_COLUMNS),
            leave=_column(header, LEAVE_COLUMNS),
            action=_column(header, ACTION_COLUMNS),
            timestamp=_column(header, TIMESTAMP_COLUMNS),
        )

    @property
    def identifies(self) -> bool:
        return any(index is not None for index in (self.email, self.upn, self.name)) or (
            self.first is not None and self.last is not None
        )

    @property
    def timed(self) -> bool:
        return self.minutes is not None or self.duration is not None

    @property
    def intervals(self) -> bool:
        return not self.timed and self.join is not None

    @property
    def events(self) -> bool:
        return not self.timed and self.join is None and self.action is not None and self.timestamp is not None


def _is_header(cells: list[str]) -> bool:
    return Columns.from_header(cells).identifies


def _table(data: bytes) -> tuple[CsvTable, list[tuple[int, list[str]]]]:
    """The table and its rows up to the next numbered section of a Teams report."""
    if len(data) > MAX_BYTES:
        raise TrainingError("import_too_large", max=MAX_BYTES // 1000)
    try:
        table = read_csv(data, is_header=_is_header)
    except CsvError as error:
        raise TrainingError(FILE_ERRORS.get(error.code, "import_encoding")) from None
    rows = []
    for line, cells in table.numbered_rows():
        if SECTION_HEADING.match(cells[0]) and not any(cell.strip() for cell in cells[1:]):
            break
        rows.append((line, cells))
    if not rows:
        raise TrainingError("import_empty")
    return table, rows


# Values
# ------------------------------------------------------------------------------


def parse_duration_minutes(value: str) -> int | None:
    """Minutes in "1h 23m 5s", "1 t 5 min", "01:23:05", "1:23" (hours:minutes) or "83"; None if unreadable."""
    text = value.strip().casefold()
    if not text:
        return None
    if match := CLOCK.match(text):
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        if match.group(3) is None:  # h:mm
            return hours * 60 + minutes
        return round((hours * 3600 + minutes * 60 + seconds) / 60)
    if NUMBER.match(text):
        return round(float(text.replace(",", ".")))
    seconds = 0.0
    position = 0
    for part in DURATION_PART.finditer(text):
        if text[position : part.start()].strip():
            return None
        unit = next((size for prefix, size in UNIT_SECONDS if part.group(2).startswith(prefix)), None)
        if unit is None:
            return None
        seconds += float(part.group(1).replace(",", ".")) * unit
        position = part.end()
    if position == 0 or text[position:].strip():
        return None
    return round(seconds / 60)


def _normal_name(value: str) -> str:
    value = NAME_NOISE.sub(" ", value).replace(",", " ")
    return " ".join(value.casefold().split())


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


class Matcher:
    def __init__(self, participants: list[Enrolment]) -> None:
        self.by_email = {enrolment.person.email.casefold(): enrolment for enrolment in participants}
        self.by_name: dict[str, list[Enrolment]] = {}
        for enrolment in participants:
            first, last = enrolment.person.first_name, enrolment.person.last_name
            for key in {_normal_name(f"{first} {last}"), _normal_name(f"{last} {first}")}:
                if key:
                    self.by_name.setdefault(key, []).append(enrolment)

    def match(self, *, email: str, name: str) -> tuple[Enrolment | None, str]:
        """By the email when the row has one (only by it: a guest may share a participant's name), else by name."""
        if email:
            if enrolment := self.by_email.get(email.casefold()):
                return enrolment, ""
            return None, _("No confirmed participant has this email address.")
        candidates = self.by_name.get(_normal_name(name), []) if name else []
        if len(candidates) == 1:
            return candidates[0], ""
        if len(candidates) > 1:
            return None, _("More than one participant has this name; add the email address.")
        return None, _("Not a confirmed participant of this session.")


# The report
# ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Day:
    starts_at: datetime
    ends_at: datetime
    minutes: int

    @property
    def local_date(self) -> date:
        return timezone.localtime(self.starts_at).date()


@dataclass(frozen=True)
class _RowMark:
    """What one row says: an explicit status, minutes, a join-leave interval or a Joined/Left event."""

    status: str | None = None
    minutes: int | None = None
    interval: tuple[datetime, datetime] | None = None
    event: tuple[datetime, bool] | None = None
    problem: str = ""


@dataclass
class _Mark:
    """What the rows of one participant add up to."""

    enrolment: Enrolment
    status: str | None = None
    minutes: int | None = None
    timed: int | None = None
    intervals: list[tuple[datetime, datetime]] = field(default_factory=list)
    events: list[tuple[datetime, bool]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

    def add(self, row: _RowMark, line: int) -> None:
        self.lines.append(line)
        if row.status is not None:  # an explicit status: the last row for the person counts
            self.status, self.minutes = row.status, row.minutes
        elif row.minutes is not None:  # Teams lists each rejoin: the times add up
            self.timed = (self.timed or 0) + row.minutes
        elif row.interval is not None:
            self.intervals.append(row.interval)
        elif row.event is not None:
            self.events.append(row.event)

    def outcome(self, day: _Day) -> tuple[str, int | None]:
        if self.status is not None:
            return self.status, self.minutes
        if self.timed is not None:
            return _from_minutes(self.timed, day.minutes)
        if self.intervals or self.events:
            window = {"starts_at": day.starts_at, "ends_at": day.ends_at}
            intervals = self.intervals + intervals_from_events(self.events, **window)
            return _from_minutes(covered_minutes(intervals, **window), day.minutes)
        return Status.PRESENT, None  # listed on a sign-in sheet


def _row_interval(cells: list[str], columns: Columns, day: _Day) -> _RowMark:
    """A join and a leave time; without a leave time the person was still in when the report was made."""
    join_text, leave_text = _cell(cells, columns.join), _cell(cells, columns.leave)
    if not join_text:
        return _RowMark(problem=_("The join time is missing."))
    try:
        joined = parse_timestamp(join_text, day=day.local_date)
        left = parse_timestamp(leave_text, day=day.local_date) if leave_text else day.ends_at
    except UnreadableTime as error:
        return _RowMark(problem=str(error))
    if left < joined:
        return _RowMark(problem=_("The leave time is before the join time."))
    return _RowMark(interval=(joined, left))


def _row_event(cells: list[str], columns: Columns, day: _Day) -> _RowMark:
    """A "Joined" or "Left" row of the older Teams report."""
    action = _key(_cell(cells, columns.action))
    if action not in JOINED_WORDS | LEFT_WORDS:
        return _RowMark(problem=_("Unknown action “%(value)s”: expected Joined or Left.") % {"value": action})
    try:
        moment = parse_timestamp(_cell(cells, columns.timestamp), day=day.local_date)
    except UnreadableTime as error:
        return _RowMark(problem=str(error))
    return _RowMark(event=(moment, action in JOINED_WORDS))


def _row_mark(cells: list[str], columns: Columns, day: _Day) -> _RowMark:
    minutes_text = _cell(cells, columns.minutes) or _cell(cells, columns.duration)
    minutes = None
    if minutes_text:
        minutes = parse_duration_minutes(minutes_text)
        if minutes is None:
            return _RowMark(problem=_("The time “%(value)s” could not be read.") % {"value": minutes_text})
    word = _key(_cell(cells, columns.status))
    if not word:
        if columns.intervals:
            return _row_interval(cells, columns, day)
        if columns.events:
            return _row_event(cells, columns, day)
        return _RowMark(minutes=minutes)
    status = WORD_STATUS.get(word)
    if status is None:
        return _RowMark(problem=_("Unknown attendance “%(value)s”: use present, partial or absent.") % {"value": word})
    if status != Status.PARTIAL:
        return _RowMark(status=status)
    if minutes is None:
        return _RowMark(problem=str(TrainingError("minutes_required")))
    if not 1 <= minutes <= day.minutes:
        return _RowMark(problem=str(TrainingError("minutes_invalid", max=day.minutes)))
    return _RowMark(status=status, minutes=minutes)


def _from_minutes(minutes: int, day_minutes: int) -> tuple[str, int | None]:
    if minutes >= day_minutes * PRESENT_SHARE:
        return Status.PRESENT, None
    if minutes <= 0:
        return Status.ABSENT, None
    return Status.PARTIAL, minutes


def parse_attendance_file(
    data: bytes, *, participants: list[Enrolment], day: SessionDay, day_minutes: int
) -> ImportReport:
    """Read ``data`` against the confirmed ``participants`` of ``day``, which lasts ``day_minutes`` minutes."""
    table, rows = _table(data)
    columns = Columns.from_header(table.header)
    window = _Day(starts_at=day.starts_at, ends_at=day.ends_at, minutes=day_minutes)
    matcher = Matcher(participants)
    unmatched, invalid = [], []
    marks: dict[int, _Mark] = {}
    for line, cells in rows:
        email = _cell(cells, columns.email) or _cell(cells, columns.upn)
        name = _cell(cells, columns.name) or f"{_cell(cells, columns.first)} {_cell(cells, columns.last)}".strip()
        row = _row_mark(cells, columns, window)
        if row.problem:
            invalid.append(ImportRow(line, name, email, row.problem))
            continue
        enrolment, problem = matcher.match(email=email, name=name)
        if enrolment is None:
            unmatched.append(ImportRow(line, name, email, problem))
            continue
        marks.setdefault(enrolment.pk, _Mark(enrolment)).add(row, line)
    matches = [ImportMatch(mark.enrolment, *mark.outcome(window), mark.lines) for mark in marks.values()]
    key = lambda enrolment: (enrolment.person.last_name.casefold(), enrolment.person.first_name.casefold())  # noqa: E731
    matches.sort(key=lambda match: key(match.enrolment))
    missing = sorted((e for e in participants if e.pk not in marks), key=key)
    return ImportReport(
        rows=len(rows),
        matches=matches,
        unmatched=unmatched,
        invalid=invalid,
        missing=missing,
        delimiter=table.delimiter,
        encoding=table.encoding,
        day=day,
    )
