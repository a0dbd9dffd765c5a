"""Reading CSV files as Excel, LibreOffice, Numbers and Teams save them: the encoding and the separator are found.

Every import reads its files through ``read_csv`` (or ``decode_text`` for a format of its own, such as
JSON), so that a file opens the same way everywhere and the dry run can say how it was read.

Decoding tries, in this order:

1. UTF-8, strictly: Excel's "CSV UTF-8" (Windows and Mac, with a byte order mark), LibreOffice's
   default and most exports. A file that starts with the UTF-8 byte order mark is only ever UTF-8.
2. UTF-16, when a byte order mark says so (Teams attendance reports: UTF-16 LE with tabs), or
   without one when every other byte is zero.
3. Windows-1252: Finnish Excel's default "CSV (puolipisteellä eroteltu)". Five of its bytes
   (0x81, 0x8D, 0x8F, 0x90, 0x9D) stand for no character, so Excel never writes them: a file
   with one is in some other code page or not text at all, and it is refused rather than
   imported with wrong letters in people's names.

Decoded text with a control character other than tab and line breaks is a binary file (a
spreadsheet, a PDF) and is refused too. Pure ASCII reads as UTF-8, which it also is.

The separator is that of the header row: the most frequent of tab, semicolon and comma outside
quotation marks (ties in that order). A header without any of them is a one-column table.

``read_table`` also opens an Excel workbook (XLSX, recognised by its content, not its name): the
first sheet, its first non-blank row the header, dates as ISO dates and whole numbers without ".0".
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .errors import DomainError

DELIMITERS = ("\t", ";", ",")  # ties go to the first
ONE_COLUMN = "\x1f"  # a control character never survives decoding, so it splits nothing
QUOTED = re.compile(r'"[^"]*"')
HEADER_SEARCH_LINES = 60


class Encoding(StrEnum):
    """The encodings a file is read in, named as spreadsheet programs name them."""

    UTF8 = "UTF-8"
    UTF8_BOM = "UTF-8 (BOM)"
    UTF16_LE = "UTF-16 LE"
    UTF16_BE = "UTF-16 BE"
    WINDOWS_1252 = "Windows-1252"
    XLSX = "XLSX"


CODECS = {
    Encoding.UTF8: "utf-8",
    Encoding.UTF8_BOM: "utf-8",
    Encoding.UTF16_LE: "utf-16-le",
    Encoding.UTF16_BE: "utf-16-be",
    Encoding.WINDOWS_1252: "cp1252",
}


class CsvError(DomainError):
    """A file that cannot be read as a table at all (the rows themselves are each import's business)."""

    messages = {
        "csv_unreadable": gettext_lazy(
            "The file could not be read as text in UTF-8, UTF-16 or Windows-1252. "
            "If it is a spreadsheet, save it as CSV first (“CSV UTF-8” in Excel)."
        ),
        "csv_empty": gettext_lazy("The file is empty."),
        "csv_no_header": gettext_lazy("No header row was found in the file."),
        "csv_malformed": gettext_lazy(
            "The file could not be read from line %(line)s on. Check that every quotation mark there is closed."
        ),
        "xlsx_unreadable": gettext_lazy("The file could not be read as an Excel workbook (XLSX)."),
    }


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: Encoding


@dataclass(frozen=True)
class CsvTable:
    """The header row and the non-blank rows after it, each with the line of the file it starts on."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    header_line: int
    encoding: Encoding
    delimiter: str  # "" for a table of one column

    def numbered_rows(self) -> Iterator[tuple[int, list[str]]]:
        return zip(self.lines, self.rows, strict=True)

    @property
    def delimiter_name(self) -> str:
        return delimiter_name(self.delimiter)


def delimiter_name(delimiter: str) -> str:
    """The separator in words, for a dry run's report."""
    names = {"\t": _("tab"), ";": _("semicolon"), ",": _("comma")}
    return names.get(delimiter, _("none (one column)"))


def _candidates(data: bytes) -> Iterator[tuple[Encoding, bytes]]:
    if data.startswith(codecs.BOM_UTF8):
        yield Encoding.UTF8_BOM, data[len(codecs.BOM_UTF8) :]
        return
    yield Encoding.UTF8, data
    if data.startswith(codecs.BOM_UTF16_LE):
        yield Encoding.UTF16_LE, data[2:]
        return
    if data.startswith(codecs.BOM_UTF16_BE):
        yield Encoding.UTF16_BE, data[2:]
        return
    if b"\x00" in data:
        # Without a byte order mark, UTF-16 shows as a zero in every other byte of Latin text.
        sample = data[:2000]
        odd, even = sample[1::2].count(0), sample[::2].count(0)
        if max(odd, even) * 3 >= len(sample) // 2:
            yield (Encoding.UTF16_LE if odd > even else Encoding.UTF16_BE), data
        return  # zero bytes are never Windows-1252 text
    yield Encoding.WINDOWS_1252, data


# The control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F) but tab and line breaks.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _is_text(text: str) -> bool:
    return CONTROL.search(text) is None


def decode_text(data: bytes) -> DecodedText:
    """The text of ``data`` and the encoding it was read in; raises CsvError when it is in none of them."""
    if not data.strip():
        raise CsvError("csv_empty")
    for encoding, payload in _candidates(data):
        try:
            text = payload.decode(CODECS[encoding])
        except UnicodeDecodeError:
            continue
        if _is_text(text):
            if not text.strip():
                raise CsvError("csv_empty")
            return DecodedText(text, encoding)
    raise CsvError("csv_unreadable")


def _delimiter_of(line: str) -> str:
    bare = QUOTED.sub("", line)
    best = max(DELIMITERS, key=bare.count)
    return best if bare.count(best) else ""


def _cells(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter or ONE_COLUMN), [])


def table_from_text(
    decoded: DecodedText,
    *,
    is_header: Callable[[list[str]], bool] | None = None,
    search_lines: int = HEADER_SEARCH_LINES,
) -> CsvTable:
    """The table in ``decoded``: its header is the first non-blank row, or the first for which ``is_header``
    holds among the first ``search_lines`` lines (a Teams report has a summary above its table)."""
    lines = io.StringIO(decoded.text, newline="").readlines()
    for index, line in enumerate(lines[:search_lines]):
        if not line.strip():
            continue
        delimiter = _delimiter_of(line)
        try:
            header = _cells(line, delimiter)
        except csv.Error:
            raise CsvError("csv_malformed", line=index + 1) from None
        if is_header is None or is_header(header):
            break
    else:
        raise CsvError("csv_no_header" if decoded.text.strip() else "csv_empty")
    header_line = index + 1
    reader = csv.reader(io.StringIO("".join(lines[header_line:]), newline=""), delimiter=delimiter or ONE_COLUMN)
    rows, numbers = [], []
    consumed = header_line
    try:
        for cells in reader:
            start, consumed = consumed + 1, header_line + reader.line_num
            if any(cell.strip() for cell in cells):
                rows.append(cells)
                numbers.append(start)
    except csv.Error:
        raise CsvError("csv_malformed", line=consumed + 1) from None
    return CsvTable(
        header=header,
        rows=rows,
        lines=numbers,
        header_line=header_line,
        encoding=decoded.encoding,
        delimiter=delimiter,
    )


def read_csv(
    data: bytes,
    *,
    is_header: Callable[[list[str]], bool] | None = None,
    search_lines: int = HEADER_SEARCH_LINES,
) -> CsvTable:
    """Decode ``data`` and split it into a table (see the module's docstring); raises CsvError."""
    return table_from_text(decode_text(data), is_header=is_header, search_lines=search_lines)


XLSX_MAGIC = b"PK\x03\x04"


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def read_xlsx(data: bytes) -> CsvTable:
    """The first sheet of an XLSX workbook as a table (the first non-blank row is the header); raises CsvError."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise CsvError("xlsx_unreadable") from None
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise CsvError("csv_empty")
        header, header_line, rows, numbers = None, 0, [], []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = cells, number
            else:
                rows.append(cells)
                numbers.append(number)
    finally:
        book.close()
    if header is None:
        raise CsvError("csv_empty")
    while header and not header[-1].strip():
        header.pop()
    return CsvTable(
        header=header, rows=rows, lines=numbers, header_line=header_line, encoding=Encoding.XLSX, delimiter=""
    )


def read_table(data: bytes, **kwargs) -> CsvTable:
    """An XLSX workbook (by its content) through ``read_xlsx``, anything else as CSV through ``read_csv``."""
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    return read_csv(data, **kwargs)


# Cells
# ------------------------------------------------------------------------------
#: Dates as people type them in a sheet: ISO and Finnish.
DATE_PATTERNS = ("%Y-%m-%d", "%d.%m.%Y")


def cell_date(text: str, patterns: tuple[str, ...] = DATE_PATTERNS) -> datetime.date:
    """The date in a cell written in one of ``patterns``; ValueError otherwise."""
    text = text.strip()
    for pattern in patterns:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def choice_labels(choices) -> dict[str, str]:
    """A choice's value by its code and by its name in every language, in lower case."""
    labels = {}
    for value, label in choices:
        labels[value.lower()] = value
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                labels[str(label).lower()] = value
    return labels
