"""Every table downloads: a person's competences (their own page and the manager's), and the heatmap's
per-competence totals as CSV too."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from openpyxl import load_workbook

from competencies.models import Evidence
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def lines(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    return [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]


def add_evidence(person, competences, count: int) -> None:
    for number in range(count):
        item = Evidence.objects.create(
            person=person, kind=Evidence.Kind.EXTERNAL, title=f"Todistus {number}", achieved_on=timezone.localdate()
        )
        item.competences.set(competences)


def queries(client, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


class TestMyCompetences:
    def test_the_page_links_to_the_downloads(self, client, world):
        client.force_login(world.nurses[0])
        page = client.get(reverse("competencies:my_competences")).content.decode()
        for fmt in ("csv", "xlsx"):
            assert reverse("competencies:my_competences_export", args=[fmt]) in page

    def test_the_csv_has_a_row_per_competence_with_levels_and_evidence(self, client, world):
        nurse = world.nurses[0]
        add_evidence(nurse, [world.framework.competences["A1"]], 1)
        client.force_login(nurse)

        rows = lines(client.get(reverse("competencies:my_competences_export", args=["csv"])))

        assert rows[0][:5] == [
            gettext("Competence code"),
            gettext("Competence"),
            gettext("Area"),
            gettext("Required level"),
            gettext("Current level"),
        ]
        by_code = {row[0]: row for row in rows[1:]}
        assert set(by_code) == {"A1", "A2", "B1"}
        assert by_code["A1"][3:5] == ["3", "1"]
        assert by_code["A1"][7:] == ["2", "Todistus 0"]
        assert by_code["B1"][4] == ""

    def test_the_xlsx_has_the_same_rows(self, client, world):
        client.force_login(world.nurses[0])
        response = client.get(reverse("competencies:my_competences_export", args=["xlsx"]))
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert sorted(row[0].value for row in sheet.iter_rows(min_row=2)) == ["A1", "A2", "B1"]

    def test_an_unknown_format_is_404_and_visitors_sign_in(self, client, world):
        assert client.get(reverse("competencies:my_competences_export", args=["csv"])).status_code == 302
        client.force_login(world.nurses[0])
        assert client.get(reverse("competencies:my_competences_export", args=["pdf"])).status_code == 404

    def test_the_query_count_does_not_grow_with_evidence(self, client, world):
        nurse = world.nurses[0]
        client.force_login(nurse)
        address = reverse("competencies:my_competences_export", args=["csv"])
        add_evidence(nurse, [world.framework.competences["A1"]], 1)
        few = queries(client, address)
        add_evidence(nurse, list(world.framework.competences.values()), 10)
        assert queries(client, address) == few


class TestTeamPerson:
    def address(self, person, fmt="csv") -> str:
        return reverse("competencies:team_person_export", args=[person.pk, fmt])

    def test_the_manager_downloads_their_persons_competences(self, client, world):
        client.force_login(world.manager)
        page = client.get(reverse("competencies:team_person", args=[world.nurses[1].pk])).content.decode()
        assert self.address(world.nurses[1]) in page

        rows = lines(client.get(self.address(world.nurses[1])))

        assert {row[0]: row[4] for row in rows[1:]}["A1"] == "2"
        assert client.get(self.address(world.nurses[1], "xlsx")).status_code == 200

    def test_another_units_person_is_404_and_staff_get_403(self, client, world):
        client.force_login(world.manager)
        assert client.get(self.address(world.outsiders[0])).status_code == 404
        client.force_login(world.nurses[0])
        assert client.get(self.address(world.nurses[1])).status_code == 403
        client.force_login(UserFactory(unit=world.other))
        assert client.get(self.address(world.nurses[1])).status_code == 403

    def test_the_query_count_does_not_grow_with_evidence(self, client, world):
        client.force_login(world.manager)
        person = world.nurses[1]
        add_evidence(person, [world.framework.competences["A1"]], 1)
        few = queries(client, self.address(person))
        add_evidence(person, list(world.framework.competences.values()), 10)
        assert queries(client, self.address(person)) == few


class TestHeatmapTotals:
    def test_the_totals_download_as_csv(self, client, world):
        client.force_login(world.manager)
        page = client.get(reverse("competencies:team")).content.decode()
        assert "table=totals" in page

        rows = lines(client.get(reverse("competencies:team_export", args=["csv"]), {"table": "totals"}))

        assert rows[0] == [
            gettext("Competence code"),
            gettext("Competence"),
            gettext("People assessed"),
            gettext("Below the required level"),
            gettext("Share below (%)"),
        ]
        a1 = next(row for row in rows if row[0] == "A1")
        assert a1[2:4] == ["7", "4"]  # five nurses and two social workers; two nurses and both social workers below
