"""Tables as CSV and XLSX files, for every table of the gap analysis (and training demand).

A table is a list of header strings and rows of plain values (str, int, float, Decimal, None).
CSV: UTF-8 with a byte-order mark and semicolons, as Finnish Excel expects; text that a
spreadsheet would take for a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse

from core.http import file_response

CSV_DELIMITER = ";"
CSV_BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_COLUMN_WIDTH = 60
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMATS = tuple(CONTENT_TYPES)


@dataclass
class Table:
    title: str
    headers: Sequence[str]
    rows: list[Sequence[object]]


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float | Decimal):
        # The comma is the decimal separator in Finnish spreadsheets.
        return f"{value:.2f}".replace(".", ",")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def table_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([_csv_cell(header) for header in table.headers])
    for row in table.rows:
        writer.writerow([_csv_cell(value) for value in row])
    return (CSV_BOM + buffer.getvalue()).encode("utf-8")


def _sheet_title(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:31] or "Sheet"


def tables_xlsx(tables: Iterable[Table]) -> bytes:
    """One sheet per table, bold frozen header row, numbers as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        widths = [len(str(header)) for header in table.headers]
        for column, header in enumerate(table.headers, start=1):
            sheet.cell(row=1, column=column, value=str(header)).font = bold
        for row_number, row in enumerate(table.rows, start=2):
            for column, value in enumerate(row, start=1):
                if isinstance(value, Decimal):
                    value = float(value)
                cell = sheet.cell(row=row_number, column=column, value=value)
                if isinstance(value, float):
                    cell.number_format = "0.00"
                elif isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text, never a formula
                widths[column - 1] = max(widths[column - 1], len(str(value)) if value is not None else 0)
        for column, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, XLSX_MAX_COLUMN_WIDTH)
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(tables: Sequence[Table], *, fmt: str, stem: str, part: int = 0) -> HttpResponse:
    """Table number ``part`` as CSV (one table per file), or every table as a sheet of one workbook."""
    content = table_csv(tables[part]) if fmt == "csv" else tables_xlsx(tables)
    return file_response(content, CONTENT_TYPES[fmt], f"{stem}.{fmt}")
