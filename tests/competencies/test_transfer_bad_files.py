"""Bad import files are refused with a problem naming the row or JSON path, never a server error."""

import json

import pytest
from django.utils import translation

from competencies.models import Framework, FrameworkVersion
from competencies.services import FrameworkImportError, framework_import, framework_version_to_json
from tests.competencies.factories import make_groups, make_published
from tests.competencies.test_transfer import FRAMEWORK_ROW, csv_file

pytestmark = pytest.mark.django_db
LONG = "x" * 201


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def exported() -> dict:
    published = make_published(groups=make_groups("terveydenhoitaja"), competences=2)
    data = json.loads(framework_version_to_json(published))
    data["framework"]["code"] = "tuotu"
    return data


def refused(content: str, filename: str) -> list[tuple[str, str]]:
    before = (Framework.objects.count(), FrameworkVersion.objects.count())
    with pytest.raises(FrameworkImportError) as error:
        framework_import(content=content, filename=filename)
    assert (Framework.objects.count(), FrameworkVersion.objects.count()) == before
    return [(problem.row, problem.message) for problem in error.value.problems]


@pytest.mark.parametrize(
    ("row", "expected_row", "expected"),
    [
        ("area;A;;Alue;;;;;;²;;;", "3", "sort order must be a whole number from 0 to 32767"),
        ("area;A;;Alue;;;;;;40000;;;", "3", "sort order must be a whole number from 0 to 32767"),
        ("area;A;;Alue;;;;;;-1;;;", "3", "sort order must be a whole number from 0 to 32767"),
        ("level;²;;Yksi;;;;;;;;;", "3", "The level value ² is not a whole number from 0 to 32767."),
        ("level;99999;;Iso;;;;;;;;;", "3", "The level value 99999 is not a whole number from 0 to 32767."),
        (f"area;A;;{LONG};;;;;;1;;;", "3", "The name name_fi is too long (at most 200 characters)."),
        (f"area;A;;Alue;;{LONG};;;;1;;;", "3", "The name name_en is too long (at most 200 characters)."),
        ("level;1;;" + "y" * 101 + ";;;;;;;;;", "3", "The name name_fi is too long (at most 100 characters)."),
        ("requirement;A1;;;;;;;;;terveydenhoitaja;;³", "3", "The required level ³ is not on the scale"),
    ],
)
def test_bad_csv_rows_are_reported_on_their_row(row, expected_row, expected):
    problems = refused(csv_file(FRAMEWORK_ROW, row), "virhe.csv")

    assert any(found_row == expected_row and expected in message for found_row, message in problems), problems


def set_requirements_object(data):
    data["areas"][0]["competences"][0]["requirements"] = {"professional_group": "terveydenhoitaja"}


def set_competences_object(data):
    data["areas"][0]["competences"] = {"code": "A1"}


def set_areas_string(data):
    data["areas"] = "A"


def set_levels_object(data):
    data["scale"]["levels"] = {"value": 1}


def set_scale_list(data):
    data["scale"] = [1, 2, 3]


def set_superscript_sort_order(data):
    data["areas"][0]["sort_order"] = "²"


def set_huge_required_level(data):
    data["areas"][0]["competences"][1]["requirements"][0]["required_level"] = 10**30


def set_long_competence_name(data):
    data["areas"][0]["competences"][1]["name_sv"] = LONG


def set_long_scale_name(data):
    data["scale"]["name_fi"] = "s" * 151


@pytest.mark.parametrize(
    ("change", "expected_row", "expected"),
    [
        (set_requirements_object, "areas[0].competences[0].requirements", "This must be a list."),
        (set_competences_object, "areas[0].competences", "This must be a list."),
        (set_areas_string, "areas", "This must be a list."),
        (set_levels_object, "scale.levels", "This must be a list."),
        (set_scale_list, "scale", "This must be an object."),
        (set_superscript_sort_order, "areas[0]", "The sort order must be a whole number from 0 to 32767."),
        (set_huge_required_level, "areas[0].competences[1].requirements[0]", "is not on the scale"),
        (set_long_competence_name, "areas[0].competences[1]", "The name name_sv is too long (at most 200 characters)."),
        (set_long_scale_name, "scale", "The name of the scale is too long (at most 150 characters)."),
    ],
)
def test_bad_json_items_are_reported_by_their_path(exported, change, expected_row, expected):
    change(exported)

    problems = refused(json.dumps(exported), "virhe.json")

    assert any(row == expected_row and expected in message for row, message in problems), problems
