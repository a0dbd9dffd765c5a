"""The gap analysis pages: my competences, the manager's heatmap, drill-down and person, the network view, exports."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from competencies.exports import CSV_BOM
from competencies.models import Evidence
from competencies.selectors.gaps import MIN_GROUP_SIZE
from tests.competencies.factories import assess, make_people
from tests.factories import UserFactory, make_course, make_session

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(f"competencies:{name}", args=args)


def text(response) -> str:
    return response.content.decode()


def fewer_than() -> str:
    return gettext("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}


def queries_for(client, address: str) -> int:
    client.get(address)  # the first request of a test creates the site settings
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, response.status_code
    return len(queries)


class TestMyCompetences:
    def test_it_needs_signing_in(self, client):
        response = client.get(url("my_competences"))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_it_shows_gaps_first_with_courses_and_evidence(self, client, world, programme):
        person = world.nurses[0]  # A1 at 1 (two short), A2 at 3 (met), B1 not assessed
        course = make_course(programme, "Lapset puheeksi")
        course.develops_competences.set([world.framework["A1"]])
        course.save_revision().publish()
        make_course(programme, "Ei liity")
        make_session(course, capacity=12)
        evidence = Evidence.objects.create(
            person=person, kind=Evidence.Kind.EXTERNAL, title="Todistus A1", achieved_on="2025-01-10"
        )
        evidence.competences.set([world.framework["A1"]])
        client.force_login(person)

        response = client.get(url("my_competences"))

        assert response.status_code == 200
        rows = [(row.code, row.gap) for row in response.context["rows"]]
        assert rows == [("A1", 2), ("B1", None), ("A2", 0)]
        page = text(response)
        assert "Lapset puheeksi" in page and "Ei liity" not in page
        assert "Todistus A1" in page
        assert response.context["gap_codes"] == ["A1"]

    def test_its_query_count_does_not_grow_with_courses_and_competences(self, client, world, programme):
        person = world.nurses[0]
        client.force_login(person)

        def add_course(n):
            course = make_course(programme, f"Kurssi {n}")
            course.develops_competences.set([world.framework["A1"]])
            course.save_revision().publish()
            make_session(course)

        add_course(0)
        few = queries_for(client, url("my_competences"))
        for n in range(1, 5):
            add_course(n)
        assert queries_for(client, url("my_competences")) == few


class TestTeamHeatmap:
    def test_a_manager_sees_the_people_of_their_units_only(self, client, world):
        client.force_login(world.manager)

        response = client.get(url("team"))

        assert response.status_code == 200
        cell = response.context["result"].cells[(world.nurse.pk, "A1")]
        assert (cell.people, cell.below) == (5, 2)  # not the three nurses of the other unit
        small = response.context["result"].cells[(world.social.pk, "A1")]
        assert (small.suppressed, small.people) == (False, 2)  # managers see their own small groups
        page = text(response)
        assert url("team_cell", world.nurse.pk, "A1") in page
        assert '<svg class="chart" role="img"' in page

    def test_staff_without_units_get_403_and_visitors_sign_in(self, client, world):
        assert client.get(url("team")).status_code == 302
        client.force_login(world.nurses[0])
        assert client.get(url("team")).status_code == 403

    def test_a_unit_outside_the_managers_reach_is_404(self, client, world):
        client.force_login(world.manager)
        assert client.get(url("team"), {"unit": world.other.pk}).status_code == 404
        assert client.get(url("team"), {"unit": 999999}).status_code == 404
        response = client.get(url("team"), {"unit": world.child.pk})
        assert response.status_code == 200

    @pytest.mark.parametrize(
        "params", [{"unit": "abc"}, {"group": "x"}, {"group": "999999"}, {"round": "-1"}, {"unit": "0"}]
    )
    def test_bad_filter_values_redisplay_the_form_with_400(self, client, world, params):
        client.force_login(world.manager)
        response = client.get(url("team"), params)
        assert response.status_code == 400
        assert response.context["form"].errors
        assert 'role="alert"' in text(response)

    def test_comparing_a_round_with_itself_is_refused(self, client, world):
        client.force_login(world.manager)
        response = client.get(url("team"), {"round": world.round.pk, "compare": world.round.pk})
        assert response.status_code == 400
        assert "compare" in response.context["form"].errors

    def test_filters_by_group_and_round_comparison(self, client, world):
        from datetime import timedelta

        from tests.competencies.factories import make_gap_round

        earlier = make_gap_round(world.framework.version, opens_on=world.round.opens_on - timedelta(days=365))
        for person in world.nurses:
            assess(person, earlier, {"A1": 1})
        client.force_login(world.manager)

        response = client.get(url("team"), {"group": world.nurse.pk, "round": world.round.pk, "compare": earlier.pk})

        result = response.context["result"]
        assert [row.group for row in result.rows] == [world.nurse]
        cell = result.cells[(world.nurse.pk, "A1")]
        assert (cell.mean_change, cell.share_below_change) == (2.0, pytest.approx(-0.6))

    def test_the_query_count_does_not_grow_with_people(self, client, world):
        client.force_login(world.manager)
        few = queries_for(client, url("team"))
        for person in make_people(10, unit=world.child, group=world.nurse):
            assess(person, world.round, {"A1": 2, "A2": 2, "B1": 2})
        assert queries_for(client, url("team")) == few

    def test_the_heatmap_downloads_as_csv_and_xlsx(self, client, world):
        from openpyxl import load_workbook

        client.force_login(world.manager)

        csv = client.get(url("team_export", "csv"))
        assert csv.status_code == 200
        assert csv["Content-Type"].startswith("text/csv")
        content = csv.content.decode("utf-8")
        assert content.startswith(CSV_BOM)
        assert "Terveydenhoitaja;Alue A;A1;Osaaminen A1;3;5;3,00;2;40,00" in content

        xlsx = client.get(url("team_export", "xlsx"), {"group": world.nurse.pk})
        assert xlsx.status_code == 200
        sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
        assert rows[0][:9] == ("Terveydenhoitaja", "Alue A", "A1", "Osaaminen A1", 3, 5, 3.0, 2, 40.0)

    def test_an_unknown_export_format_is_404(self, client, world):
        client.force_login(world.manager)
        assert client.get(url("team_export", "pdf")).status_code == 404


class TestDrillDown:
    def test_a_cell_lists_its_people_with_their_levels(self, client, world):
        client.force_login(world.manager)

        response = client.get(url("team_cell", world.nurse.pk, "A1"))

        assert response.status_code == 200
        people = [rating.assessment.person for rating in response.context["ratings"]]
        assert people[:2] == world.nurses[:2]  # the largest gaps first
        assert set(people) == set(world.nurses)
        assert url("team_person", world.nurses[0].pk) in text(response)

    def test_a_cell_of_another_unit_is_404(self, client, world):
        client.force_login(world.manager)
        assert client.get(url("team_cell", world.nurse.pk, "A1"), {"unit": world.other.pk}).status_code == 404
        assert client.get(url("team_cell", world.nurse.pk, "Z9")).status_code == 404

    def test_the_people_of_a_cell_download(self, client, world):
        client.force_login(world.manager)
        response = client.get(url("team_cell_export", world.nurse.pk, "A1", "csv"))
        assert response.status_code == 200
        lines = response.content.decode("utf-8").splitlines()
        assert len(lines) == 1 + len(world.nurses)
        assert world.nurses[0].last_name in lines[1]

    def test_a_manager_sees_one_of_their_people_but_not_anyone_elses(self, client, world):
        client.force_login(world.manager)
        response = client.get(url("team_person", world.nurses[0].pk))
        assert response.status_code == 200
        assert response.context["rows"][0].code == "A1"
        assert client.get(url("team_person", world.outsiders[0].pk)).status_code == 404

    def test_staff_cannot_drill_down(self, client, world):
        client.force_login(world.nurses[1])
        assert client.get(url("team_cell", world.nurse.pk, "A1")).status_code == 403
        assert client.get(url("team_person", world.nurses[0].pk)).status_code == 403


class TestNetwork:
    def test_a_coordinator_sees_the_network_with_small_groups_suppressed(self, client, world, coordinator):
        client.force_login(coordinator)

        response = client.get(url("network"))

        assert response.status_code == 200
        result = response.context["result"]
        nurses = result.cells[(world.nurse.pk, "A1")]
        assert (nurses.people, nurses.below, nurses.suppressed) == (8, 5, False)
        social = result.cells[(world.social.pk, "A1")]
        assert (social.suppressed, social.mean, social.below) == (True, None, None)
        page = text(response)
        assert fewer_than() in page
        assert url("team_cell", world.nurse.pk, "A1") not in page  # no drill-down to people

    def test_the_network_export_suppresses_small_groups(self, client, world, coordinator):
        client.force_login(coordinator)
        content = client.get(url("network_export", "csv")).content.decode("utf-8")
        social_line = next(line for line in content.splitlines() if line.startswith("Sosiaalityöntekijä"))
        assert social_line.endswith(";".join([fewer_than()] * 4))

    def test_managers_and_staff_get_403(self, client, world):
        client.force_login(world.manager)
        assert client.get(url("network")).status_code == 403
        assert client.get(url("network_export", "csv")).status_code == 403
        client.force_login(world.nurses[0])
        assert client.get(url("network")).status_code == 403

    def test_an_administrator_sees_the_network(self, client, world):
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        admin = UserFactory(is_superuser=True, is_staff=True, professional_group=None)
        TOTP.activate(admin, generate_totp_secret())
        client.force_login(admin)
        assert client.get(url("network")).status_code == 200
