"""Reading generated XLSX workbooks back with openpyxl: every figure a number cell, every date a date cell."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from openpyxl import load_workbook

# Text a spreadsheet user would take for a figure or a date ("3", "4,5", "40.0 %", "3.6.2025").
FIGURE_TEXT = re.compile(r"\s*[+-]?\d+([.,]\d+)?\s*%?\s*")
DATE_TEXT = re.compile(r"\s*\d{1,4}[./-]\d{1,2}[./-]\d{1,4}( \d{1,2}[:.]\d{2})?\s*")


def workbook(content: bytes):
    return load_workbook(io.BytesIO(content))


def figures_as_text(book, *, header_rows: int = 1) -> list[tuple[str, str, str]]:
    """(sheet, cell, value) of every text cell below the header rows that holds a figure or a date."""
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=header_rows + 1):
            for cell in row:
                text = cell.value if isinstance(cell.value, str) else None
                if text is not None and (FIGURE_TEXT.fullmatch(text) or DATE_TEXT.fullmatch(text)):
                    found.append((sheet.title, cell.coordinate, text))
    return found


def column(sheet, header: str, *, header_row: int = 1) -> list:
    """The cells below ``header`` in ``sheet`` (the header row's first cell with that text)."""
    headers = [cell.value for cell in sheet[header_row]]
    index = headers.index(header) + 1
    return [row[0] for row in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index)]


def is_number(cell) -> bool:
    return cell.data_type == "n" and isinstance(cell.value, int | float) and not isinstance(cell.value, bool)


def is_date(cell) -> bool:
    return cell.is_date and isinstance(cell.value, datetime | date)
