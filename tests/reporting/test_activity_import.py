"""Importing activities from a Finnish Excel CSV: counts and lists of people, idempotently."""

import pytest
from django.core.management import CommandError, call_command

from reporting.models import Activity, Participation, Project
from reporting.services.activity_import import activities_import, activities_read
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "kind;title;level;starts_on;ends_on;organiser;project;events;participants;meetings;people\r\n"


@pytest.fixture
def project(db):
    return Project.objects.create(
        name_fi="Perhekeskushanke", name_sv="Familjecenterprojektet", starts_on="2017-01-01", ends_on="2019-12-31"
    )


@pytest.fixture
def organiser(db):
    return OrganisationFactory(name="Pohjois-Savon sairaanhoitopiiri")


def csv_file(*rows: str, encoding: str = "cp1252") -> bytes:
    return (HEADER + "".join(row + "\r\n" for row in rows)).encode(encoding)


def test_a_finnish_excel_file_imports_counts_and_lists(project, organiser):
    people = [UserFactory(email=f"osallistuja{index}@example.fi") for index in range(3)]
    data = csv_file(
        "Teemaseminaari tai koulutustilaisuus;Väkivallan puheeksiotto – seminaari;perustaso;14.3.2018;;"
        "Pohjois-Savon sairaanhoitopiiri;Perhekeskushanke;4;350;;",
        "working_group;Työryhmä: kohtaamispaikka;;2018-09-01;2019-05-31;;Familjecenterprojektet;1;;12;",
        "pilot;Perhevalmennuksen kokeilu;erityistaso;1.2.2019;;;;;;;" + " ".join(person.email for person in people),
    )
    report = activities_import(data=data)

    assert report.is_valid and report.created == 3
    assert report.table.encoding == "Windows-1252"
    seminar = Activity.objects.get(title="Väkivallan puheeksiotto – seminaari")
    assert (seminar.kind, seminar.event_count, seminar.participant_count, seminar.level) == (
        "seminar",
        4,
        350,
        "perustaso",
    )
    assert (seminar.project, seminar.organiser) == (project, organiser)
    assert Activity.objects.get(kind="working_group").meeting_count == 12
    pilot = Activity.objects.get(kind="pilot")
    assert Participation.objects.filter(activity=pilot).count() == 3


def test_importing_the_same_file_again_changes_nothing(project):
    data = csv_file("survey;Osaamiskartoitus 2018;;2018-04-01;;;Perhekeskushanke;;412;;")
    activities_import(data=data)
    again = activities_import(data=data)

    assert again.is_valid and again.created == 0
    assert [row.exists for row in again.rows] == [True]
    assert Activity.objects.count() == 1


def test_one_bad_row_imports_nothing_and_every_problem_is_reported(project):
    data = csv_file(
        "seminar;Hyvä rivi;;2018-01-01;;;;;10;;",
        "juhla;Tuntematon laji;;2018-01-01;;;;;;;",
        "seminar;Huono päivä;;31.2.2018;;;;;;;",
        "pilot;Sekä määrä että lista;;2018-01-01;;;;;5;;nobody@example.fi",
        "seminar;Väärä hanke;;2018-01-01;2017-01-01;;Tuntematon hanke;;-3;;",
    )
    report = activities_import(data=data)

    assert not report.is_valid
    assert Activity.objects.count() == 0
    problems = {row.line: row.errors for row in report.rows}
    assert problems[2] == []
    assert any("juhla" in error for error in problems[3])
    assert any("31.2.2018" in error for error in problems[4])
    assert any("nobody@example.fi" in error for error in problems[5])
    assert len(problems[6]) == 3  # ends before it starts, unknown project, negative count


def test_a_dry_run_writes_nothing():
    report = activities_read(csv_file("seminar;Seminaari;;2018-01-01;;;;;10;;"))
    assert report.is_valid and len(report.to_create) == 1
    assert Activity.objects.count() == 0


def test_missing_and_unknown_columns_are_named():
    report = activities_read(b"title;when\r\nSeminaari;2018\r\n")
    assert not report.is_valid
    assert "kind" in report.errors[0] and "starts_on" in report.errors[0]
    assert "when" in report.errors[1]


def test_the_command_reports_and_exits_with_an_error(tmp_path, capsys):
    path = tmp_path / "toiminta.csv"
    path.write_bytes(csv_file("seminar;Seminaari;;huomenna;;;;;10;;"))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_activities", str(path))
    assert "line 2" in capsys.readouterr().err

    path.write_bytes(csv_file("seminar;Seminaari;;2018-05-05;;;;;10;;"))
    call_command("import_activities", str(path), "--dry-run")
    assert Activity.objects.count() == 0
    call_command("import_activities", str(path))
    assert Activity.objects.count() == 1
