"""The HR import: the dry run's report per row, all or nothing, idempotence, mappings, XLSX, leavers."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from people.hr_import import Action, people_import, people_read
from people.models import ImportMapping, OrgUnit, User
from people.signals import person_deactivated
from tests.factories import OrganisationFactory, OrgUnitFactory, ProfessionalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


HEADER = ";".join(ImportMapping.FIELDS)


@pytest.fixture
def network():
    county = OrganisationFactory(name="Pohjois-Savon hyvinvointialue", code="PSHVA")
    neuvola = OrgUnitFactory(name="Neuvola Kuopio", organisation=county, code="N01")
    perhetyo = OrgUnitFactory(name="Perhetyö", organisation=county)
    ProfessionalGroupFactory(code="terveydenhoitaja")
    ProfessionalGroupFactory(code="perhetyontekija")
    return county, neuvola, perhetyo


def csv(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode()


ANNA = (
    "1001;anna@phsotey.fi;Anna;Aalto;Pohjois-Savon hyvinvointialue;Neuvola Kuopio;terveydenhoitaja;perustaso;fi;kyllä;"
)
BO = "1002;bo@phsotey.fi;Bo;Berg;pshva;Perhetyö;perhetyontekija;erityistaso;sv;ei;"


def test_dry_run_reports_each_row_and_writes_nothing(network):
    report = people_read(csv(ANNA, BO, "1003;;Cilla;Castrén;Pohjois-Savon hyvinvointialue;Neuvola Kuopio;;;;;"))
    assert [row.action for row in report.rows[:2]] == [Action.CREATE, Action.CREATE]
    assert report.rows[2].errors == ["The e-mail address is missing."]
    assert not report.is_valid
    assert not User.objects.filter(email__endswith="@phsotey.fi").exists()


def test_import_creates_people_in_their_units_with_managers(network):
    _county, neuvola, perhetyo = network
    report = people_import(data=csv(ANNA, BO))
    assert report.applied and report.counts[Action.CREATE] == 2
    anna = User.objects.get(email="anna@phsotey.fi")
    assert (anna.employee_id, anna.unit, anna.professional_group.code) == ("1001", neuvola, "terveydenhoitaja")
    assert not anna.has_usable_password()
    bo = User.objects.get(employee_id="1002")
    assert (bo.unit, bo.service_level, bo.preferred_language) == (perhetyo, "erityistaso", "sv")
    assert list(neuvola.managers.all()) == [anna]
    assert not perhetyo.managers.exists()


def test_the_same_file_twice_changes_nothing(network):
    data = csv(ANNA, BO)
    people_import(data=data)
    again = people_import(data=data)
    assert again.changes == 0
    assert {row.action for row in again.rows} == {Action.UNCHANGED}
    out = io.StringIO()
    call_command("import_people", _write(data), stdout=out)
    assert "0 change(s) made" in out.getvalue()


def test_one_wrong_row_imports_nothing(network):
    report = people_import(data=csv(ANNA, BO.replace("Perhetyö", "Tuntematon yksikkö")))
    assert not report.applied
    assert report.rows[1].errors == ["Unknown unit “Tuntematon yksikkö” in Pohjois-Savon hyvinvointialue."]
    assert not User.objects.filter(email__endswith="@phsotey.fi").exists()
    assert not OrgUnit.objects.filter(name="Tuntematon yksikkö").exists()


def test_unknown_organisation_and_group_are_errors_never_created(network):
    report = people_read(
        csv(ANNA.replace("Pohjois-Savon hyvinvointialue", "Uusi Oy"), BO.replace("perhetyontekija", "x"))
    )
    assert "organisation" in report.rows[0].errors[0]
    assert "professional_group" in report.rows[1].errors[0]


def test_moved_updated_and_manager_flag(network):
    _county, neuvola, perhetyo = network
    people_import(data=csv(ANNA, BO))
    moved = ANNA.replace("Neuvola Kuopio", "Perhetyö").replace("Anna;", "Anne;")
    report = people_read(csv(moved, BO.replace(";ei;", ";kyllä;")))
    assert report.rows[0].action == Action.MOVE
    assert set(report.rows[0].changes) == {"first_name", "unit", "manager"}  # a manager of Neuvola, not of Perhetyö
    assert report.rows[1].action == Action.UPDATE and report.rows[1].changes == ["manager"]
    people_import(data=csv(moved, BO.replace(";ei;", ";kyllä;")))
    anna = User.objects.get(employee_id="1001")
    assert (anna.first_name, anna.unit) == ("Anne", perhetyo)
    assert set(perhetyo.managers.values_list("employee_id", flat=True)) == {"1001", "1002"}
    assert not neuvola.managers.exists()


def test_people_missing_from_a_full_export_are_deactivated_not_deleted(network):
    _county, neuvola, _perhetyo = network
    other = OrgUnitFactory(name="Muu", organisation=OrganisationFactory(name="Järjestö ry"))
    outsider = UserFactory(unit=other)
    administrator = UserFactory(unit=neuvola, is_superuser=True)
    people_import(data=csv(ANNA, BO))
    received = []

    def receiver(sender, users, **kwargs):
        received.extend(user.email for user in users)

    person_deactivated.connect(receiver)
    try:
        report = people_import(data=csv(ANNA))
    finally:
        person_deactivated.disconnect(receiver)
    assert [person.email for person in report.missing] == ["bo@phsotey.fi"]
    bo = User.objects.get(email="bo@phsotey.fi")
    assert not bo.is_active
    assert received == ["bo@phsotey.fi"]
    outsider.refresh_from_db()
    administrator.refresh_from_db()
    assert outsider.is_active and administrator.is_active
    assert people_import(data=csv(ANNA)).changes == 0  # already inactive: nothing to do again
    assert people_import(data=csv(ANNA), full=False).changes == 0


def test_a_past_end_date_deactivates_and_a_new_leaver_is_not_created(network):
    people_import(data=csv(ANNA))
    left = ANNA + "31.12.2025"
    newcomer_left = BO + "2025-06-30"
    report = people_read(csv(left, newcomer_left), today=datetime.date(2026, 1, 5))
    assert [row.action for row in report.rows] == [Action.DEACTIVATE, Action.SKIP]
    people_import(data=csv(left, newcomer_left), today=datetime.date(2026, 1, 5))
    anna = User.objects.get(email="anna@phsotey.fi")
    assert not anna.is_active and anna.employment_ends_on == datetime.date(2025, 12, 31)
    assert not User.objects.filter(email="bo@phsotey.fi").exists()


def test_a_saved_mapping_reads_a_countys_own_columns(network):
    ImportMapping.objects.create(
        name="Savon HR", is_default=True, employee_id="Henkilönumero", email="Sähköposti", first_name="Etunimi",
        last_name="Sukunimi", organisation="Organisaatio", unit="Yksikkö", professional_group="Ammattiryhmä",
    )  # fmt: skip
    header = "Henkilönumero,Sähköposti,Etunimi,Sukunimi,Organisaatio,Yksikkö,Ammattiryhmä"
    data = csv("1001,anna@phsotey.fi,Anna,Aalto,PSHVA,N01,terveydenhoitaja", header=header)
    report = people_import(data=data)
    assert report.is_valid, report.rows[0].errors
    assert User.objects.get(employee_id="1001").unit.code == "N01"


def test_xlsx_is_read_like_csv(network):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(";"))
    sheet.append([1001, "anna@phsotey.fi", "Anna", "Aalto", "Pohjois-Savon hyvinvointialue", "Neuvola Kuopio",
                  "terveydenhoitaja", "perustaso", "fi", "x", datetime.datetime(2030, 5, 31)])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    report = people_import(data=buffer.getvalue())
    assert report.is_valid, report.rows[0].errors
    anna = User.objects.get(employee_id="1001")
    assert anna.employment_ends_on == datetime.date(2030, 5, 31)


def test_comma_separated_utf8_with_duplicates_reported(network):
    data = csv(ANNA.replace(";", ","), ANNA.replace(";", ",").replace("1001", "1009"), header=HEADER.replace(";", ","))
    report = people_read(data)
    assert report.rows[1].errors == ["The e-mail address is also on line 2."]


def test_queries_do_not_grow_with_the_file(network, django_assert_max_num_queries):
    unit = "Pohjois-Savon hyvinvointialue;Neuvola Kuopio;terveydenhoitaja"
    rows = [f"{2000 + n};p{n}@phsotey.fi;P{n};Q;{unit};;;{'x' if n % 50 == 0 else ''};" for n in range(300)]
    with django_assert_max_num_queries(20):
        people_import(data=csv(*rows))
    moved = [row.replace("Neuvola Kuopio", "Perhetyö") for row in rows]
    with django_assert_max_num_queries(20):
        report = people_import(data=csv(*moved))
    assert report.counts[Action.MOVE] == 300


def test_command_exit_status_and_dry_run(network, tmp_path):
    good = _write(csv(ANNA, BO), tmp_path / "good.csv")
    out = io.StringIO()
    call_command("import_people", good, "--dry-run", stdout=out)
    assert "line 2: anna@phsotey.fi: create" in out.getvalue()
    assert "dry run" in out.getvalue()
    assert not User.objects.filter(email="anna@phsotey.fi").exists()
    bad = _write(csv(ANNA, BO.replace("pshva", "Ei ole")), tmp_path / "bad.csv")
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_people", bad, stdout=io.StringIO(), stderr=io.StringIO())
    assert not User.objects.filter(email="anna@phsotey.fi").exists()
    call_command("import_people", good, stdout=io.StringIO())
    assert User.objects.filter(email__endswith="@phsotey.fi").count() == 2


def _write(data: bytes, path=None) -> str:
    import tempfile
    from pathlib import Path

    path = path or Path(tempfile.mkdtemp()) / "people.csv"
    path.write_bytes(data)
    return str(path)
