"""Feedback results as CSV (Finnish Excel: semicolons, BOM) and XLSX, with the same helpers as the participant lists.

Both take a ``FeedbackResults`` already computed, so an export costs the same queries as the page.
Below the minimum number of answers only the counts are written.
"""

from __future__ import annotations

import csv
import io

from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..selectors.feedback_results import SCALE_VALUES, FeedbackResults
from .participants import CSV_BOM, CSV_DELIMITER, XLSX_MAX_COLUMN_WIDTH, _csv_text, _sheet_title


def export_filename(title: str, extension: str, suffix: str = "") -> str:
    """``palaute-<slug>[-<suffix>].<extension>``, ASCII only."""
    slug = slugify(title) or "kurssi"
    return f"palaute-{slug}{f'-{suffix}' if suffix else ''}.{extension}"


def _percent(share: float | None) -> float | None:
    return round(share * 100, 1) if share is not None else None


def _summary_rows(results: FeedbackResults, title: str) -> list[list[object]]:
    rows: list[list[object]] = [
        [title],
        [_("Answers"), results.responses],
        [_("Attendees"), results.attendees],
        [_("Response rate (%)"), _percent(results.response_rate)],
        [_("Answers waiting to be released"), results.pending],
    ]
    if results.excluded_sessions:
        label = _("Sessions not included (fewer than %(count)s answers)") % {"count": results.min_answers}
        rows.append([label, results.excluded_sessions])
    if not results.shown:
        rows.append([_("Results are shown from %(count)s answers on.") % {"count": results.min_answers}])
        return rows
    rows.append([])
    rows.append(
        [
            _("Question"),
            _("Answers"),
            _("Mean"),
            *[str(value) for value in SCALE_VALUES],
            _("Yes"),
            _("No"),
            _("Yes (%)"),
        ]
    )
    for question in results.scale_questions:
        mean = round(question.mean, 2) if question.mean is not None else None
        rows.append([question.text, question.answers, mean, *question.counts, None, None, None])
    for question in results.yes_no_questions:
        rows.append(
            [
                question.text,
                question.answers,
                None,
                *[None] * 5,
                question.yes,
                question.no,
                _percent(question.yes_share),
            ]
        )
    return rows


def _text_rows(results: FeedbackResults) -> list[list[object]]:
    if not results.shown:
        return []
    return [
        [_("Question"), _("Answer")],
        *([question.text, text] for question in results.text_questions for text in question.texts),
    ]


def _csv_cell(value: object) -> str:
    if isinstance(value, float):
        return number_format(value, decimal_pos=2 if value % 1 else 0)
    return _csv_text(value)


def feedback_csv(results: FeedbackResults, *, title: str) -> bytes:
    """The summary, an empty line, then the free-text answers: UTF-8 with BOM, semicolons."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    for row in _summary_rows(results, title):
        writer.writerow([_csv_cell(value) for value in row])
    if texts := _text_rows(results):
        writer.writerow([])
        for row in texts:
            writer.writerow([_csv_cell(value) for value in row])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def _fill(sheet, rows: list[list[object]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # free text is never a formula
            widths[column] = max(widths.get(column, 0), len(str(value)) if value is not None else 0)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, XLSX_MAX_COLUMN_WIDTH)
    if rows:
        sheet.cell(row=1, column=1).font = Font(bold=True)


def feedback_xlsx(results: FeedbackResults, *, title: str) -> bytes:
    """A workbook with the summary on the first sheet and the free-text answers on the second."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = _sheet_title(_("Summary"))
    _fill(summary, _summary_rows(results, title))
    _fill(workbook.create_sheet(_sheet_title(_("Free-text answers"))), _text_rows(results))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
