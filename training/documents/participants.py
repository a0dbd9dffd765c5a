"""A session's participant list (CSV and XLSX) and its sign-in sheets (PDF, one per session day).

The builders take what ``training.selectors.export_roster`` has already fetched (with each
participant's municipality, days attended and outcome), so an export
costs the same few queries whatever the number of participants. Headers and labels follow the
active language; file names stay Finnish ("osallistujat-<course>-<date>.csv").
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..models import Enrolment, Session, SessionDay
from ..selectors import Roster
from .pdf import html_to_pdf

# Finnish Excel reads semicolon-separated files (the comma is the decimal separator) and needs the
# byte-order mark to take the file as UTF-8.
CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet: names typed by users must stay text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "%d.%m.%Y %H:%M"
XLSX_DATETIME_FORMAT = "d.m.yyyy h:mm"
XLSX_MAX_COLUMN_WIDTH = 60
SIGNIN_BLANK_ROWS = 5


def _columns() -> dict[str, str]:
    """Column keys and their headers, translated into the active language."""
    return {
        "position": _("Position on the waiting list"),
        "last_name": _("Last name"),
        "first_name": _("First name"),
        "email": _("Email"),
        "organisation": _("Organisation"),
        "sector": _("Sector"),
        "municipality": _("Municipality"),
        "unit": _("Unit"),
        "professional_group": _("Professional group"),
        "status": _("Status"),
        "enrolled_at": _("Enrolled at"),
        "attendance": _("Days attended"),
        "outcome": _("Outcome"),
    }


CSV_COLUMNS = [
    "last_name",
    "first_name",
    "email",
    "organisation",
    "sector",
    "municipality",
    "unit",
    "professional_group",
    "status",
    "position",
    "enrolled_at",
    "attendance",
    "outcome",
]
PERSON_COLUMNS = [
    "last_name",
    "first_name",
    "email",
    "organisation",
    "sector",
    "municipality",
    "unit",
    "professional_group",
    "enrolled_at",
]
CONFIRMED_SHEET_COLUMNS = [*PERSON_COLUMNS, "attendance", "outcome"]
WAITING_SHEET_COLUMNS = ["position", *PERSON_COLUMNS]


def _values(enrolment: Enrolment) -> dict[str, object]:
    person = enrolment.person
    unit = person.unit
    return {
        "position": getattr(enrolment, "position", None),
        "last_name": person.last_name,
        "first_name": person.first_name,
        "email": person.email,
        "organisation": unit.organisation.name if unit else "",
        "sector": unit.organisation.get_sector_display() if unit else "",
        "municipality": str(municipality) if (municipality := getattr(enrolment, "municipality", None)) else "",
        "unit": unit.name if unit else "",
        "professional_group": person.professional_group.name if person.professional_group else "",
        "status": enrolment.get_status_display(),
        "enrolled_at": timezone.localtime(enrolment.created_at),
        # "2 / 3" of the session's days present or partly present; blank for the waiting list.
        "attendance": f"{enrolment.days_present} / {enrolment.days_total}" if hasattr(enrolment, "days_total") else "",
        "outcome": enrolment.get_outcome_display() if enrolment.outcome else "",
    }


def _filename_date(session: Session, day: SessionDay | None = None) -> str:
    moment = day.starts_at if day else session.starts_at
    return f"-{timezone.localtime(moment):%Y-%m-%d}" if moment else ""


def export_filename(session: Session, extension: str, *, stem: str = "osallistujat", day: SessionDay | None = None):
    """``osallistujat-<course-slug>-<date>.<extension>``, ASCII only so that every browser keeps it."""
    slug = slugify(session.course.slug) or f"session-{session.pk}"
    return f"{stem}-{slug}{_filename_date(session, day)}.{extension}"


def signin_filename(session: Session, day: SessionDay) -> str:
    return export_filename(session, "pdf", stem="allekirjoituslista", day=day)


# CSV
# ------------------------------------------------------------------------------


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATETIME_FORMAT)
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


def participants_csv(roster: Roster) -> bytes:
    """Confirmed participants (by name), then the waiting list (by position): UTF-8 with BOM, semicolons."""
    headers = _columns()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([headers[key] for key in CSV_COLUMNS])
    for enrolment in [*roster.confirmed, *roster.waiting]:
        values = _values(enrolment)
        writer.writerow([_csv_text(values[key]) for key in CSV_COLUMNS])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


# XLSX
# ------------------------------------------------------------------------------


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31]


def _fill_sheet(sheet, columns: list[str], enrolments: list[Enrolment]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers = _columns()
    widths = [len(headers[key]) for key in columns]
    bold = Font(bold=True)
    for column, key in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=column, value=headers[key])
        cell.font = bold
    for row, enrolment in enumerate(enrolments, start=2):
        values = _values(enrolment)
        for column, key in enumerate(columns, start=1):
            value = values[key]
            if isinstance(value, datetime):
                # Excel has no time zones: write the Helsinki wall-clock time.
                cell = sheet.cell(row=row, column=column, value=timezone.make_naive(value))
                cell.number_format = XLSX_DATETIME_FORMAT
                shown = len(DATETIME_FORMAT) + 2
            else:
                cell = sheet.cell(row=row, column=column, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # openpyxl takes "=..." for a formula
                shown = len(str(value)) if value is not None else 0
            widths[column - 1] = max(widths[column - 1], shown)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, XLSX_MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"


def participants_xlsx(roster: Roster) -> bytes:
    """A workbook with the confirmed participants on the first sheet and the waiting list on the second."""
    from openpyxl import Workbook

    workbook = Workbook()
    confirmed = workbook.active
    confirmed.title = _sheet_title(_("Participants"))
    _fill_sheet(confirmed, CONFIRMED_SHEET_COLUMNS, roster.confirmed)
    waiting = workbook.create_sheet(_sheet_title(_("Waiting list")))
    _fill_sheet(waiting, WAITING_SHEET_COLUMNS, roster.waiting)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Sign-in sheet (PDF)
# ------------------------------------------------------------------------------


def signin_sheet_html(*, session: Session, day: SessionDay, days: list[SessionDay], roster: Roster, trainers) -> str:
    """The printable HTML of one day's sign-in sheet: self-contained, no external resources."""
    return render_to_string(
        "training/pdf/signin_sheet.html",
        {
            "session": session,
            "course": session.course,
            "day": day,
            "day_number": days.index(day) + 1 if day in days else None,
            "day_count": len(days),
            "trainers": list(trainers),
            "participants": roster.confirmed,
            "blank_rows": range(len(roster.confirmed) + 1, len(roster.confirmed) + 1 + SIGNIN_BLANK_ROWS),
            "language_code": get_language(),
            "generated_at": timezone.localtime(),
        },
    )


def signin_sheet_pdf(**kwargs) -> bytes:
    """A4 PDF of ``signin_sheet_html(**kwargs)``, tagged and self-contained (``training.documents.pdf``)."""
    return html_to_pdf(signin_sheet_html(**kwargs))
