"""Reading attendance files: a sign-in sheet saved as CSV, or a Microsoft Teams attendance report.

Accepted: UTF-8 with or without a byte order mark, and UTF-16 (Teams writes UTF-16 with tabs);
semicolons (Finnish Excel), commas or tabs between the fields, detected from the header row.
The header row is the first row naming an email or a name column; a Teams report's summary
above it is skipped, and the next numbered section ("3. In-Meeting Activities") ends the rows.

Each row gives a status (a status column, or minutes/a duration, or simply being listed means
present) and is matched to a confirmed participant by email; a row without an email (or a file
without an email column) by name ("First Last", "Last First" or "Last, First"; "(Guest)"-style
suffixes are ignored). Nothing here writes.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..errors import TrainingError
from ..models import Attendance, Enrolment

Status = Attendance.Status

MAX_BYTES = 1_000_000
HEADER_SEARCH_LINES = 60
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
    applied: bool = False
    day: Any = None

    @property
    def can_apply(self) -> bool:
        return not self.invalid and bool(self.matches)


# Decoding and splitting
# ------------------------------------------------------------------------------


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise TrainingError("import_too_large", max=MAX_BYTES // 1000)
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            text = data[3:].decode("utf-8")
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        elif len(data) >= 2 and b"\x00" in data[:2]:  # UTF-16 without a byte order mark
            text = data.decode("utf-16-le" if data[1] == 0 else "utf-16-be")
        else:
            text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise TrainingError("import_encoding") from None
    if any(unicodedata.category(char) == "Cc" and char not in "\t\r\n" for char in text):
        raise TrainingError("import_encoding")  # a binary file (a spreadsheet, a PDF) is not a CSV file
    if not text.strip():
        raise TrainingError("import_empty")
    return text


def _delimiter(line: str) -> str:
    counts = {delimiter: line.count(delimiter) for delimiter in ("\t", ";", ",")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


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

    @classmethod
    def from_header(cls, header: list[str]) -> Columns:
        return cls(
            email=_column(header, EMAIL_COLUMNS),
            upn=_column(header, UPN_COLUMNS),
            name=_column(header, NAME_COLUMNS),
            first=_column(header, FIRST_NAME_COLUMNS),
            last=_column(header, LAST_NAME_COLUMNS),
            status=_column(header, STATUS_COLUMNS),
            minutes=_column(header, MINUTES_COLUMNS),
            duration=_column(header, DURATION_COLUMNS),
        )

    @property
    def identifies(self) -> bool:
        return any(index is not None for index in (self.email, self.upn, self.name)) or (
            self.first is not None and self.last is not None
        )


def _header(lines: list[str]) -> tuple[int, Columns, str]:
    """(line number, columns, delimiter) of the first row naming an email or a name column."""
    for number, line in enumerate(lines[:HEADER_SEARCH_LINES], start=1):
        if line.strip():
            delimiter = _delimiter(line)
            columns = Columns.from_header([_key(cell) for cell in _cells(line, delimiter)])
            if columns.identifies:
                return number, columns, delimiter
    raise TrainingError("import_columns")


def _table(text: str) -> tuple[Columns, str, list[tuple[int, list[str]]]]:
    lines = text.splitlines()
    number, columns, delimiter = _header(lines)
    rows = []
    for offset, line in enumerate(lines[number:], start=number + 1):
        if SECTION_HEADING.match(line):
            break
        cells = _cells(line, delimiter)
        if any(cell.strip() for cell in cells):
            rows.append((offset, cells))
    if not rows:
        raise TrainingError("import_empty")
    return columns, delimiter, rows


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


def _row_mark(cells: list[str], columns: Columns, day_minutes: int) -> tuple[str | None, int | None, str]:
    """(status or None when only listed/timed, minutes, problem) of one row."""
    minutes_text = _cell(cells, columns.minutes) or _cell(cells, columns.duration)
    minutes = None
    if minutes_text:
        minutes = parse_duration_minutes(minutes_text)
        if minutes is None:
            return None, None, _("The time “%(value)s” could not be read.") % {"value": minutes_text}
    if columns.status is None:
        return None, minutes, ""
    word = _key(_cell(cells, columns.status))
    if not word:
        return None, minutes, ""
    status = WORD_STATUS.get(word)
    if status is None:
        return None, None, _("Unknown attendance “%(value)s”: use present, partial or absent.") % {"value": word}
    if status != Status.PARTIAL:
        return status, None, ""
    if minutes is None:
        return None, None, str(TrainingError("minutes_required"))
    if not 1 <= minutes <= day_minutes:
        return None, None, str(TrainingError("minutes_invalid", max=day_minutes))
    return status, minutes, ""


def _from_minutes(minutes: int, day_minutes: int) -> tuple[str, int | None]:
    if minutes >= day_minutes * PRESENT_SHARE:
        return Status.PRESENT, None
    if minutes <= 0:
        return Status.ABSENT, None
    return Status.PARTIAL, minutes


def parse_attendance_file(data: bytes, *, participants: list[Enrolment], day_minutes: int) -> ImportReport:
    """Read ``data`` against the confirmed ``participants`` of a day of ``day_minutes`` minutes."""
    columns, delimiter, rows = _table(decode(data))
    matcher = Matcher(participants)
    unmatched, invalid = [], []
    marks: dict[int, dict] = {}  # enrolment id -> {"status", "minutes", "lines"}
    for line, cells in rows:
        email = _cell(cells, columns.email) or _cell(cells, columns.upn)
        name = _cell(cells, columns.name) or f"{_cell(cells, columns.first)} {_cell(cells, columns.last)}".strip()
        status, minutes, problem = _row_mark(cells, columns, day_minutes)
        if problem:
            invalid.append(ImportRow(line, name, email, problem))
            continue
        enrolment, problem = matcher.match(email=email, name=name)
        if enrolment is None:
            unmatched.append(ImportRow(line, name, email, problem))
            continue
        mark = marks.setdefault(enrolment.pk, {"enrolment": enrolment, "status": None, "timed": None, "lines": []})
        mark["lines"].append(line)
        if status is not None:  # an explicit status: the last row for the person counts
            mark["status"], mark["minutes"] = status, minutes
        elif minutes is not None:  # Teams lists each rejoin: the times add up
            mark["timed"] = (mark["timed"] or 0) + minutes
    matches = []
    for mark in marks.values():
        if mark["status"] is not None:
            status, minutes = mark["status"], mark["minutes"]
        elif mark["timed"] is not None:
            status, minutes = _from_minutes(mark["timed"], day_minutes)
        else:
            status, minutes = Status.PRESENT, None  # listed on a sign-in sheet
        matches.append(ImportMatch(mark["enrolment"], status, minutes, mark["lines"]))
    matched_ids = {match.enrolment.pk for match in matches}
    key = lambda enrolment: (enrolment.person.last_name.casefold(), enrolment.person.first_name.casefold())  # noqa: E731
    matches.sort(key=lambda match: key(match.enrolment))
    missing = sorted((e for e in participants if e.pk not in matched_ids), key=key)
    return ImportReport(
        rows=len(rows),
        matches=matches,
        unmatched=unmatched,
        invalid=invalid,
        missing=missing,
        delimiter=delimiter,
    )
