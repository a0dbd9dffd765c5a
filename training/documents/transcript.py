"""The training transcript (koulutusote) of one person as CSV and PDF, from ``selectors.certificates.transcript``.

CSV: semicolons, UTF-8 with BOM and decimal commas in Finnish, as Finnish Excel reads them (see
training/exports.py); the trainings first, then the totals per year. File names stay Finnish.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..selectors.certificates import Transcript
from .participants import CSV_BOM, CSV_DELIMITER, _csv_text
from .pdf import html_to_pdf

DATE_FORMAT = "%d.%m.%Y"


def transcript_filename(transcript: Transcript, extension: str) -> str:
    person = transcript.person
    name = slugify(f"{person.first_name} {person.last_name}") or f"henkilo-{person.pk}"
    return f"koulutusote-{name}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _day(moment) -> str:
    return timezone.localtime(moment).strftime(DATE_FORMAT) if moment else ""


def _number(value: Decimal) -> str:
    return number_format(value.normalize() if value == value.to_integral() else value, use_l10n=True)


def transcript_csv(transcript: Transcript) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([_("Year"), _("Course"), _("First day"), _("Last day"), _("Hours"), _("Certificate")])
    for year in transcript.years:
        for enrolment in year.rows:
            certificate = enrolment.valid_certificate
            writer.writerow(
                [
                    year.year,
                    _csv_text(enrolment.course.title),
                    _day(enrolment.first_day),
                    _day(enrolment.last_day),
                    _number(enrolment.hours),
                    certificate.code if certificate else "",
                ]
            )
    writer.writerow([])
    writer.writerow([_("Year"), _("Trainings"), _("Hours")])
    for year in transcript.years:
        writer.writerow([year.year, len(year.rows), _number(year.hours)])
    writer.writerow([_("Total"), transcript.count, _number(transcript.total_hours)])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def transcript_html(transcript: Transcript) -> str:
    return render_to_string(
        "training/pdf/transcript.html",
        {"transcript": transcript, "language_code": get_language(), "generated_at": timezone.localtime()},
    )


def transcript_pdf(transcript: Transcript) -> bytes:
    return html_to_pdf(transcript_html(transcript))
