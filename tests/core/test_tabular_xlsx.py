"""Excel workbooks read as tables: the first sheet, dates as ISO dates, whole numbers without ".0"."""

import datetime
import io

import pytest
from openpyxl import Workbook

from core.tabular import CsvError, Encoding, read_table

pytestmark = pytest.mark.django_db  # as every test module: the session set-up needs the database


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_first_sheet_is_a_table_with_its_line_numbers():
    data = workbook([], ["id", "name", "ends"], [1001, "Äimä", datetime.datetime(2026, 3, 14)], [], [2.5, None, None])
    table = read_table(data)
    assert table.encoding == Encoding.XLSX
    assert table.header == ["id", "name", "ends"]
    assert table.rows == [["1001", "Äimä", "2026-03-14"], ["2.5", "", ""]]
    assert table.lines == [3, 5]


def test_a_csv_is_still_read_as_csv():
    table = read_table(b"a;b\n1;2\n")
    assert (table.delimiter, table.rows) == (";", [["1", "2"]])


def test_a_broken_workbook_is_refused_with_a_reason():
    with pytest.raises(CsvError) as error:
        read_table(b"PK\x03\x04 not really a workbook")
    assert error.value.code == "xlsx_unreadable"
