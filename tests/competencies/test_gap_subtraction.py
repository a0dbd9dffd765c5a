"""A unit filter in network scope must not reveal the rest of the network by subtraction.

The ``world``: 8 nurses assessed in A1 (5 in the child unit, 3 in the other unit) and 5 in A2
(all in the child unit). The network cell of nurses/A1 shows 8; the child unit's would show 5,
and the difference would reveal the other unit's 3: so the child unit's cell is suppressed.
"""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from competencies.selectors.gaps import MIN_GROUP_SIZE
from tests.competencies.factories import assess, make_gap_round, make_people
from tests.competencies.test_gaps_api import API, bearer

pytestmark = pytest.mark.django_db


def rest_too_small() -> str:
    return gettext("hidden (the rest of the network has fewer than %(count)s people)") % {"count": MIN_GROUP_SIZE}


def network(fmt: str | None = None) -> str:
    return reverse("competencies:network_export", args=[fmt]) if fmt else reverse("competencies:network")


class TestNetworkPage:
    def test_a_units_cell_is_hidden_when_the_rest_of_the_network_is_small(self, client, world, coordinator):
        client.force_login(coordinator)

        response = client.get(network(), {"unit": world.child.pk})

        assert response.status_code == 200
        result = response.context["result"]
        a1 = result.cells[(world.nurse.pk, "A1")]
        assert (a1.suppressed, a1.rest_too_small, a1.mean, a1.below) == (True, True, None, None)
        a2 = result.cells[(world.nurse.pk, "A2")]  # nobody else assessed A2: nothing to subtract
        assert (a2.suppressed, a2.people, a2.below) == (False, 5, 0)
        assert rest_too_small() in response.content.decode()
        totals = {total.column.code: total for total in result.totals}
        assert totals["A1"].suppressed and totals["A1"].below is None
        assert (totals["A2"].people, totals["A2"].below) == (5, 0)

    def test_a_large_rest_of_the_network_leaves_the_cell_shown(self, client, world, coordinator):
        for person in make_people(2, unit=world.other, group=world.nurse):
            assess(person, world.round, {"A1": 2})
        client.force_login(coordinator)

        result = client.get(network(), {"unit": world.child.pk}).context["result"]

        a1 = result.cells[(world.nurse.pk, "A1")]
        assert (a1.suppressed, a1.people, a1.below) == (False, 5, 2)

    def test_the_round_filter_applies_to_the_rest_too(self, client, world, coordinator):
        later = make_gap_round(world.framework.version, name="Myöhempi")
        for person in make_people(3, unit=world.other, group=world.nurse):
            assess(person, later, {"A2": 1})
        client.force_login(coordinator)

        chosen = client.get(network(), {"unit": world.child.pk, "round": world.round.pk}).context["result"]
        latest = client.get(network(), {"unit": world.child.pk}).context["result"]

        assert not chosen.cells[(world.nurse.pk, "A2")].suppressed  # nobody else in this round
        assert latest.cells[(world.nurse.pk, "A2")].rest_too_small  # 3 others in their latest

    def test_a_managers_own_view_is_not_suppressed(self, client, world):
        client.force_login(world.manager)
        result = client.get(reverse("competencies:team"), {"unit": world.child.pk}).context["result"]
        a1 = result.cells[(world.nurse.pk, "A1")]
        assert (a1.suppressed, a1.people, a1.below) == (False, 5, 2)

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    def test_the_exports_hide_the_cell_too(self, client, world, coordinator, fmt):
        client.force_login(coordinator)

        response = client.get(network(fmt), {"unit": world.child.pk})

        assert response.status_code == 200
        if fmt == "csv":
            lines = response.content.decode("utf-8-sig").splitlines()
            a1 = next(line for line in lines if line.startswith("Terveydenhoitaja") and ";A1;" in line)
            assert a1.endswith(";".join([rest_too_small()] * 4))
        else:
            import io

            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
            rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
            a1 = next(row for row in rows if row[0] == "Terveydenhoitaja" and row[2] == "A1")
            assert a1[5:9] == [rest_too_small()] * 4


class TestApi:
    def test_the_units_cell_is_suppressed_in_network_scope(self, client, world, coordinator):
        response = client.get(f"{API}/competences/gaps", {"unit": world.child.pk}, **bearer(coordinator))

        assert response.status_code == 200, response.content
        cells = {(cell["group"], cell["competence"]): cell for cell in response.json()["cells"]}
        a1 = cells[(world.nurse.pk, "A1")]
        assert (a1["suppressed"], a1["people"], a1["below_required"], a1["mean_level"]) == (True, None, None, None)
        assert cells[(world.nurse.pk, "A2")]["people"] == 5

    def test_a_manager_gets_their_unit_in_full(self, client, world):
        response = client.get(f"{API}/competences/gaps", {"unit": world.child.pk}, **bearer(world.manager))
        cells = {(cell["group"], cell["competence"]): cell for cell in response.json()["cells"]}
        assert cells[(world.nurse.pk, "A1")]["people"] == 5
