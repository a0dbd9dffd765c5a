"""Export and import of a framework version: CSV and JSON round trips, and every bad file refused whole."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from competencies.models import Framework, FrameworkVersion, ProficiencyScale, Requirement
from competencies.services import (
    FrameworkImportError,
    framework_import,
    framework_version_to_csv,
    framework_version_to_json,
)
from competencies.services.transfer.columns import CSV_COLUMNS
from core.tabular import CsvError
from tests.competencies.factories import make_groups, make_published
from tests.fixtures import file_bytes

pytestmark = pytest.mark.django_db
HEADER = ";".join(CSV_COLUMNS)


def snapshot(version: FrameworkVersion) -> dict:
    """Everything an export carries, without database ids or status."""
    data = json.loads(framework_version_to_json(version))
    del data["version"]
    return data


def csv_file(*rows: str, header: str = HEADER) -> str:
    return "\r\n".join([header, *rows]) + "\r\n"


FRAMEWORK_ROW = "framework;uusi;;Uusi kehys;Ny ram;New framework;;;;;;;"


def problems_of(content, **kwargs) -> list[tuple[str, str]]:
    with pytest.raises(FrameworkImportError) as error:
        framework_import(content=content, **kwargs)
    assert error.value.code == "import_invalid"
    return [(problem.row, problem.message) for problem in error.value.problems]


@pytest.fixture(autouse=True)
def _english():
    """The problems are compared as the English report an administrator reading English gets."""
    with translation.override("en"):
        yield


@pytest.fixture
def groups():
    return make_groups("terveydenhoitaja", "psykologi")


@pytest.fixture
def published(groups):
    return make_published(groups=groups, competences=3)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_exported_version_imports_back_as_the_next_draft_with_the_same_content(published, fmt):
    exported = framework_version_to_csv(published) if fmt == "csv" else framework_version_to_json(published)

    imported = framework_import(content=exported.encode(), filename=f"kehys.{fmt}")

    assert imported.framework == published.framework
    assert (imported.number, imported.status) == (2, FrameworkVersion.Status.DRAFT)
    assert imported.scale == published.scale
    assert snapshot(imported) == snapshot(published)
    assert Requirement.objects.filter(competence__version=imported).count() == 3 * 2 * 2


def test_a_file_for_a_new_code_creates_the_framework(published):
    data = json.loads(framework_version_to_json(published))
    data["framework"]["code"] = "kopio"

    imported = framework_import(content=json.dumps(data), filename="kopio.json")

    assert imported.framework.code == "kopio"
    assert imported.number == 1
    assert Framework.objects.count() == 2


def test_csv_with_a_byte_order_mark_and_comma_separators_imports(published):
    exported = framework_version_to_csv(published, delimiter=",")

    imported = framework_import(content="\ufeff".encode() + exported.encode("utf-8"), filename="excel.csv")

    assert snapshot(imported) == snapshot(published)


def test_the_format_is_recognised_from_the_content_without_a_file_name(published):
    imported = framework_import(content=framework_version_to_json(published))

    assert snapshot(imported) == snapshot(published)


def test_a_changed_scale_in_the_file_creates_a_new_scale(published):
    data = json.loads(framework_version_to_json(published))
    data["framework"]["code"] = "kolme"
    data["scale"]["levels"] = data["scale"]["levels"][:4]
    for area in data["areas"]:
        for competence in area["competences"]:
            for requirement in competence["requirements"]:
                requirement["required_level"] = 2

    imported = framework_import(content=json.dumps(data))

    assert imported.scale != published.scale
    assert [level.value for level in imported.scale.levels.all()] == [1, 2, 3, 4]
    assert ProficiencyScale.objects.count() == 2


def test_csv_without_level_rows_uses_the_default_scale(groups):
    content = csv_file(
        FRAMEWORK_ROW,
        "area;A;;Alue;;;;;;1;;;",
        "competence;A1;A;Osaaminen;;;;;;1;;;",
        "requirement;A1;;;;;;;;;psykologi;;4",
    )

    imported = framework_import(content=content, filename="uusi.csv")

    assert imported.scale.levels.count() == 5
    assert imported.competences.get().requirements.get().required_level == 4


def test_every_bad_row_is_reported_and_nothing_is_saved(published):
    content = csv_file(
        FRAMEWORK_ROW,
        "area;A;;Alue;;;;;;1;;;",
        "area;A;;Sama koodi;;;;;;2;;;",
        "competence;A1;A;Osaaminen;;;;;;1;;;",
        "competence;A1;A;Sama koodi;;;;;;2;;;",
        "competence;B1;X;Tuntematon alue;;;;;;3;;;",
        "requirement;A1;;;;;;;;;psykologi;;6",
        "requirement;A1;;;;;;;;;psykologi;erityistaso;kolme",
        "requirement;A1;;;;;;;;;kokki;;3",
        "requirement;A9;;;;;;;;;psykologi;erityistaso;3",
        "requirement;A1;;;;;;;;;terveydenhoitaja;kaikki;3",
        "requirement;A1;;;;;;;;;terveydenhoitaja;;3",
        "requirement;A1;;;;;;;;;terveydenhoitaja;;4",
        "taulukko;A1;;;;;;;;;;;",
        "competence;A2;A;;;;;;;x;;;",
    )
    before = (Framework.objects.count(), FrameworkVersion.objects.count(), Requirement.objects.count())

    problems = problems_of(content, filename="virheet.csv")

    by_row = {}
    for row, message in problems:
        by_row.setdefault(row, []).append(message)
    assert by_row == {
        "4": ["Duplicate area code A."],
        "6": ["Duplicate competence code A1."],
        "7": ["Unknown area code X."],
        "8": ["The required level 6 is not on the scale (1, 2, 3, 4, 5)."],
        "9": ["The required level kolme is not on the scale (1, 2, 3, 4, 5)."],
        "10": ["Unknown professional group code kokki."],
        "11": ["Unknown competence code A9."],
        "12": ["Unknown service level kaikki (expected erityistaso, perustaso or empty)."],
        "14": ["Duplicate requirement for this competence, group and service level."],
        "15": ["Unknown record type taulukko (expected one of framework, level, area, competence, requirement)."],
        "16": ["The Finnish name is missing.", "The sort order must be a whole number from 0 to 32767."],
    }
    assert (Framework.objects.count(), FrameworkVersion.objects.count(), Requirement.objects.count()) == before


def test_wrong_columns_are_reported_on_the_header_row():
    header = HEADER.replace("required_level", "taso")

    problems = problems_of(csv_file(FRAMEWORK_ROW, header=header), filename="x.csv")

    assert len(problems) == 1
    row, message = problems[0]
    assert row == "1"
    assert "Missing: required_level" in message
    assert "Unknown: taso" in message


def test_a_row_with_too_few_fields_is_reported():
    problems = problems_of(csv_file(FRAMEWORK_ROW, "area;A;;Alue"), filename="x.csv")

    assert problems == [("3", "The row has 4 fields; the header has 13.")]


def test_a_framework_saved_by_finnish_excel_in_windows_1252_imports_with_its_letters(groups):
    imported = framework_import(content=file_bytes("framework_excel_fi.csv"), filename="framework_excel_fi.csv")

    competence = imported.competences.get()
    assert (imported.framework.name_fi, imported.framework.name_sv) == (
        "Perhetyön osaaminen",
        "Kompetens i familjearbete",
    )
    assert imported.areas.get().name_sv == "Barnets och familjens välmående"
    assert (competence.name_fi, competence.description_sv) == (
        "Puheeksiotto – huolen herättyä",
        "Arbetstagaren tar upp oron i tid",
    )
    assert competence.requirements.get().required_level == 4


def test_excel_unicode_text_in_utf16_with_tabs_imports(published):
    exported = framework_version_to_csv(published, delimiter="\t")

    imported = framework_import(content=exported.encode("utf-16"), filename="kehys.csv")

    assert snapshot(imported) == snapshot(published)


def test_a_file_in_no_known_encoding_is_refused():
    content = csv_file(FRAMEWORK_ROW, "area;Ä;;Äitiys;;;;;;1;;;").encode("cp1252") + b"\x9d"

    assert problems_of(content, filename="x.csv") == [("", CsvError("csv_unreadable").message)]


def test_a_file_without_exactly_one_framework_record_is_refused():
    problems = problems_of(csv_file("area;A;;Alue;;;;;;1;;;"), filename="x.csv")

    assert problems == [("", "The file must have exactly one framework record.")]


def test_an_invalid_framework_code_and_missing_names_are_reported():
    problems = problems_of(csv_file("framework;ei kelpaa!;;;;;;;;;;;", "area;A;;;;;;;;1;;;"), filename="x.csv")

    assert ("2", "The Finnish name is missing.") in problems
    assert ("3", "The Finnish name is missing.") in problems
    assert any(row == "2" and "ei kelpaa!" in message for row, message in problems)


def test_duplicate_scale_levels_are_reported():
    problems = problems_of(csv_file(FRAMEWORK_ROW, "level;1;;Yksi;;;;;;;;;", "level;1;;Taas yksi;;;;;;;;;"))

    assert problems == [("4", "The level 1 appears more than once.")]


def test_broken_or_foreign_json_is_refused():
    assert problems_of('{"format": ', filename="x.json")[0][1].startswith("Not valid JSON")
    assert problems_of('{"something": "else"}', filename="x.json")[0][0] == "format"


def test_json_problems_name_the_item(published):
    data = json.loads(framework_version_to_json(published))
    data["areas"][0]["competences"][1]["requirements"][0]["required_level"] = 9

    problems = problems_of(json.dumps(data))

    assert problems == [
        ("areas[0].competences[1].requirements[0]", "The required level 9 is not on the scale (1, 2, 3, 4, 5).")
    ]


def test_an_import_is_refused_while_the_framework_has_a_draft(published):
    exported = framework_version_to_json(published)
    framework_import(content=exported)

    problems = problems_of(exported)

    assert problems == [("", "The framework pk already has a draft version: publish or delete it first.")]
    assert published.framework.versions.count() == 2


def test_the_commands_export_and_import(published, tmp_path):
    path = tmp_path / "kehys.csv"
    call_command("export_framework", "pk", "--format", "csv", "--output", str(path), stderr=StringIO())
    out = StringIO()

    call_command("import_framework", str(path), stdout=out)

    assert "draft version 2: 1 areas, 3 competences" in out.getvalue()
    stdout = StringIO()
    call_command("export_framework", "pk", "--version", "2", "--format", "json", stdout=stdout)
    assert json.loads(stdout.getvalue())["version"]["number"] == 2


def test_the_import_command_says_how_it_read_the_file(groups, tmp_path):
    path = tmp_path / "framework_excel_fi.csv"
    path.write_bytes(file_bytes("framework_excel_fi.csv"))
    out = StringIO()

    call_command("import_framework", str(path), stdout=out)

    assert "Read framework_excel_fi.csv as Windows-1252, separator ';'." in out.getvalue()
    assert "Imported perhetyo as draft version 1: 1 areas, 1 competences." in out.getvalue()


def test_the_import_command_lists_the_problems_and_fails(tmp_path):
    path = tmp_path / "huono.csv"
    path.write_text(csv_file(FRAMEWORK_ROW, "competence;A1;X;Nimi;;;;;;1;;;"), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError, match="1 error"):
        call_command("import_framework", str(path), stderr=err)

    assert "row 3: Unknown area code X." in err.getvalue()
    assert not Framework.objects.exists()


def test_the_export_command_refuses_an_unknown_code():
    with pytest.raises(CommandError, match="No framework"):
        call_command("export_framework", "eiole", stdout=StringIO())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_exporting_takes_the_same_number_of_queries_for_a_bigger_framework(fmt, django_assert_max_num_queries):
    small = make_published(code="pieni", groups=make_groups("terveydenhoitaja"), competences=2)
    big = make_published(code="iso", groups=make_groups("psykologi", "katilo", "laakari"), competences=12)
    export = framework_version_to_csv if fmt == "csv" else framework_version_to_json

    with django_assert_max_num_queries(6):
        export(small)
    with django_assert_max_num_queries(6):
        export(big)
