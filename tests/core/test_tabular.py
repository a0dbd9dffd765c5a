"""Reading CSV files as spreadsheet programs and Teams write them: encodings, separators, header rows."""

import codecs

import pytest
from django.utils import translation

from core.tabular import CsvError, Encoding, read_csv
from tests.fixtures import file_bytes

pytestmark = pytest.mark.django_db

ROWS = [["Nimi", "Sähköposti"], ["Äijälä Sointu", "sointu@kuopio.fi"], ["Brännström Jörgen – vieras", ""]]


def as_csv(rows: list[list[str]], delimiter: str, newline: str) -> str:
    return "".join(delimiter.join(row) + newline for row in rows)


def error_code(data: bytes) -> str:
    with pytest.raises(CsvError) as error:
        read_csv(data)
    return error.value.code


@pytest.mark.parametrize(
    ("program", "data", "encoding", "delimiter"),
    [
        ("Finnish Excel, CSV (semicolon)", as_csv(ROWS, ";", "\r\n").encode("cp1252"), Encoding.WINDOWS_1252, ";"),
        ("Excel, CSV UTF-8", codecs.BOM_UTF8 + as_csv(ROWS, ";", "\r\n").encode(), Encoding.UTF8_BOM, ";"),
        ("Excel for Mac, CSV UTF-8", codecs.BOM_UTF8 + as_csv(ROWS, ",", "\n").encode(), Encoding.UTF8_BOM, ","),
        ("LibreOffice, Text CSV", as_csv(ROWS, ",", "\n").encode(), Encoding.UTF8, ","),
        ("Teams", codecs.BOM_UTF16_LE + as_csv(ROWS, "\t", "\n").encode("utf-16-le"), Encoding.UTF16_LE, "\t"),
        (
            "UTF-16 big-endian",
            codecs.BOM_UTF16_BE + as_csv(ROWS, "\t", "\n").encode("utf-16-be"),
            Encoding.UTF16_BE,
            "\t",
        ),
        ("UTF-16 without a byte order mark", as_csv(ROWS, "\t", "\r\n").encode("utf-16-le"), Encoding.UTF16_LE, "\t"),
        ("old Excel for Mac, CR line endings", as_csv(ROWS, ";", "\r").encode("cp1252"), Encoding.WINDOWS_1252, ";"),
    ],
)
def test_it_reads_what_each_program_writes(program, data, encoding, delimiter):
    table = read_csv(data)

    assert (table.encoding, table.delimiter) == (encoding, delimiter)
    assert [table.header, *table.rows] == ROWS
    assert table.lines == [2, 3]


def test_windows_1252_letters_outside_latin_1_survive():
    table = read_csv("Nimi;Huom.\r\n“Šárka” Öhman;Kurssi – €50\r\n".encode("cp1252"))

    assert table.rows == [["“Šárka” Öhman", "Kurssi – €50"]]


@pytest.mark.parametrize("byte", [b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d"])
def test_bytes_windows_1252_leaves_undefined_refuse_the_file(byte):
    # Excel never writes them: the file is in another code page, and names would come out wrong.
    assert error_code(b"Nimi;Yksikk\xf6\r\nBr\xe4nnstr\xf6m;" + byte + b"\r\n") == "csv_unreadable"


def test_pure_ascii_reads_as_utf8():
    assert read_csv(b"Email\r\nx@example.fi\r\n").encoding == Encoding.UTF8


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa4\x91\x8f\x01",  # a spreadsheet (zip)
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x0c",
        codecs.BOM_UTF8 + "Nimi\r\nÄijälä\r\n".encode("cp1252"),  # a byte order mark that lies
    ],
)
def test_binary_files_are_refused(data):
    assert error_code(data) == "csv_unreadable"


@pytest.mark.parametrize(
    "data", [b"", b" \r\n\r\n", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_LE + "\n".encode("utf-16-le")]
)
def test_empty_files_are_refused(data):
    assert error_code(data) == "csv_empty"


def test_separators_inside_quotes_do_not_count():
    table = read_csv(b'"Nimi; koko","Yksikk\xf6; osasto",Email\r\n"Virtanen; Maija","A; B",m@kuopio.fi\r\n')

    assert table.delimiter == ","
    assert table.header == ["Nimi; koko", "Yksikkö; osasto", "Email"]
    assert table.rows == [["Virtanen; Maija", "A; B", "m@kuopio.fi"]]


def test_a_header_without_separators_is_one_column_and_no_cell_is_split():
    table = read_csv("Nimi\r\nVirtanen, Maija\r\nKorhonen; Pekka\r\n".encode("cp1252"))

    assert table.delimiter == ""
    assert table.rows == [["Virtanen, Maija"], ["Korhonen; Pekka"]]


def test_rows_know_their_line_through_blank_lines_and_quoted_line_breaks():
    table = read_csv(b'Nimi;Huom.\r\n\r\nA;"kaksi\r\nrivi\xe4"\r\nB;\r\n;\r\nC;x\r\n')

    assert list(table.numbered_rows()) == [(3, ["A", "kaksi\r\nrivi\u00e4"]), (5, ["B", ""]), (7, ["C", "x"])]


def test_the_header_is_the_first_row_the_caller_recognises():
    data = "1. Summary\nMeeting title\tX, Y; Z\n\n2. Participants\nName\tEmail\nA\ta@x.fi\n".encode("utf-16")

    table = read_csv(data, is_header=lambda cells: "Name" in cells)

    assert (table.header_line, table.header, table.delimiter) == (5, ["Name", "Email"], "\t")
    assert list(table.numbered_rows()) == [(6, ["A", "a@x.fi"])]


def test_no_recognised_header_is_an_error():
    with pytest.raises(CsvError) as error:
        read_csv(b"Paiva;Huone\r\n1.1.;A\r\n", is_header=lambda cells: "Nimi" in cells)
    assert error.value.code == "csv_no_header"


def test_an_unclosed_quotation_mark_names_its_line():
    with pytest.raises(CsvError) as error:
        read_csv(b'Nimi;Huom.\r\nA;ok\r\nB;"' + b"x" * 200_000)
    assert (error.value.code, error.value.params) == ("csv_malformed", {"line": 3})


def test_the_separator_is_named_for_the_report():
    with translation.override("en"):
        names = [read_csv(data).delimiter_name for data in (b"a;b\n", b"a,b\n", b"a\tb\n", b"a\n")]
    assert names == ["semicolon", "comma", "tab", "none (one column)"]


@pytest.mark.parametrize(
    ("name", "encoding", "delimiter"),
    [
        ("sign_in_sheet_excel_fi.csv", Encoding.WINDOWS_1252, ";"),
        ("framework_excel_fi.csv", Encoding.WINDOWS_1252, ";"),
        ("teams_join_leave_fi.csv", Encoding.UTF16_LE, "\t"),
        ("teams_user_actions_en.csv", Encoding.UTF16_LE, "\t"),
    ],
)
def test_the_fixture_files_read_as_their_programs_wrote_them(name, encoding, delimiter):
    table = read_csv(file_bytes(name), is_header=lambda cells: len(cells) > 2)

    assert (table.encoding, table.delimiter) == (encoding, delimiter)
