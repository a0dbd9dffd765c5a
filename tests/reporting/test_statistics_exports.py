"""Downloads of the participant statistics: CSV for Finnish Excel, XLSX with numbers as numbers, hidden cells empty."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import UserFactory, enrol, make_course
from tests.reporting.factories_statistics import (
    into_the_past,
    manager_of,
    past_session,
    period,
    privileged,
)

pytestmark = pytest.mark.django_db
BOM = "\ufeff"


@pytest.fixture
def coordinator(client):
    user = privileged(is_coordinator=True)
    client.force_login(user)
    return user


def download(client, fmt: str, **params):
    return client.get(reverse("reporting:statistics_export", args=[fmt]), period(**params))


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text.removeprefix(BOM)), delimiter=";"))


def read_xlsx(response) -> dict[str, list[list]]:
    assert response.status_code == 200, response.content
    workbook = load_workbook(io.BytesIO(response.content))
    return {sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()] for sheet in workbook}


def measure_columns(header: list[str]) -> dict[str, int]:
    from reporting.documents.measures import MEASURES

    labels = {str(measure.label): measure.key for measure in MEASURES}
    return {labels[name]: index for index, name in enumerate(header) if name in labels}


def test_a_table_downloads_as_csv_with_names_codes_and_a_totals_row(client, world, coordinator):
    rows = read_csv(download(client, "csv", rows="course"))

    header, *lines, total = rows
    assert header[:2] == ["Koulutus", "Koulutus (koodi)"]
    columns = measure_columns(header)
    assert [(line[0], line[1], line[columns["participations"]]) for line in lines] == [
        ("MARAK", str(world.marak.pk), "3"),
        ("Perhekeskus tutuksi", str(world.intro.pk), "15"),
    ]
    assert total[0] == "Yhteensä"
    assert total[columns["participations"]] == "18" and total[columns["participant_hours"]] == "60,00"


def test_the_workbook_holds_numbers_as_numbers(client, world, coordinator):
    (sheet,) = read_xlsx(download(client, "xlsx", rows="level")).values()

    header, *lines, total = sheet
    columns = measure_columns(header)
    # Service levels in their own order, basic level first.
    assert [line[0] for line in lines] == ["Perustaso", "Erityis- ja vaativin taso"]
    assert [line[1] for line in lines] == ["perustaso", "erityistaso"]
    assert [line[columns["participations"]] for line in lines] == [15, 3]
    assert isinstance(total[columns["participations"]], int)
    assert total[columns["participant_hours"]] == 60  # openpyxl reads a whole number back as an int
    assert total[columns["feedback_mean"]] is None


def test_hidden_figures_are_empty_cells_and_the_header_says_why(client, world):
    client.force_login(manager_of(world.area))

    header, *lines, _total = read_csv(download(client, "csv", rows="course"))

    assert header[0] == "Koulutus (tyhjä solu: alle 5 henkilöä)"
    columns = measure_columns(header)
    assert [line[0] for line in lines] == ["MARAK", "Perhekeskus tutuksi"]
    assert all(line[index] == "" for line in lines for index in columns.values())


def test_the_cross_tabulation_is_a_csv_of_its_own_and_a_sheet_of_the_workbook(client, world, coordinator):
    params = {"rows": "course", "columns": "sector", "measure": "participations"}

    cross = read_csv(download(client, "csv", table="cross", **params))
    sheets = read_xlsx(download(client, "xlsx", **params))

    assert cross[0][1:] == ["Hyvinvointialue", "Järjestö", "Yhteensä"]
    assert cross[1:] == [["MARAK", "", "0", ""], ["Perhekeskus tutuksi", "", "5", ""], ["Yhteensä", "13", "5", "18"]]
    assert len(sheets) == 2
    crosstab, full = sheets.values()
    assert crosstab[-1] == ["Yhteensä", 13, 5, 18]
    assert full[0][1:4] == ["Koulutus (koodi)", "Sektori", "Sektori (koodi)"]
    long_csv = read_csv(download(client, "csv", table="long", **params))
    assert len(long_csv) == 5  # header, three pairs, total


@pytest.mark.parametrize(
    ("dimension", "code"),
    [("month", "{day:%Y-%m}"), ("quarter", "{day.year}-Q{quarter}"), ("year", "{day.year}")],
)
def test_times_are_coded_as_the_api_codes_them(client, world, coordinator, dimension, code):
    from django.utils import timezone

    day = timezone.localtime(world.intro_session.starts_at).date()

    rows = read_csv(download(client, "csv", rows=dimension))

    assert rows[1][1] == code.format(day=day, quarter=(day.month - 1) // 3 + 1)


def test_a_year_is_a_number_in_the_workbook(client, world, coordinator):
    (sheet,) = read_xlsx(download(client, "xlsx", rows="year")).values()
    assert isinstance(sheet[1][1], int)


def test_a_name_that_a_spreadsheet_would_run_as_a_formula_is_written_as_text(client, world, coordinator):
    course = make_course(world.programme, '=HYPERLINK("https://example.com","x")')
    session = past_session(course)
    enrol(session)
    into_the_past(session)

    rows = read_csv(download(client, "csv", rows="course"))
    (sheet,) = read_xlsx(download(client, "xlsx", rows="course")).values()

    assert rows[1][0] == "'" + course.title
    workbook = load_workbook(io.BytesIO(download(client, "xlsx", rows="course").content))
    cell = workbook.active.cell(row=2, column=1)
    assert cell.value == course.title and cell.data_type == "s"
    assert sheet[1][0] == course.title


def test_a_manager_downloads_only_their_units(client, world):
    client.force_login(world.manager_a)

    header, total = read_csv(download(client, "csv"))

    assert total[measure_columns(header)["participations"]] == "5"


def test_staff_cannot_download(client, world):
    client.force_login(UserFactory())
    assert download(client, "csv").status_code == 403


def test_bad_filters_are_a_400_and_an_unknown_format_or_table_a_404(client, world, coordinator):
    assert download(client, "csv", rows="nope").status_code == 400
    assert download(client, "pdf").status_code == 404
    assert download(client, "csv", rows="course", table="cross").status_code == 404
