"""The competence API: /api/v1/me/competences and /api/v1/competences/gaps with bearer tokens."""

import pytest

from competencies.selectors.gaps import MIN_GROUP_SIZE
from people.api_tokens import token_create
from tests.competencies.factories import assess
from tests.factories import make_administrator

pytestmark = pytest.mark.django_db
API = "/api/v1"


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="Tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def assert_error(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]


class TestMyCompetences:
    def test_it_lists_required_current_and_gap_gaps_first(self, client, world):
        response = client.get(f"{API}/me/competences", **bearer(world.nurses[0]))

        assert response.status_code == 200
        body = response.json()
        assert body["round"] == world.round.name
        assert [(c["code"], c["area"], c["required"], c["current"], c["gap"]) for c in body["competences"]] == [
            ("A1", "A", 3, 1, 2),
            ("B1", "B", 3, None, None),
            ("A2", "A", 3, 3, 0),
        ]

    def test_it_needs_a_token(self, client, world):
        assert_error(client.get(f"{API}/me/competences"), 401, "unauthorized")


class TestGaps:
    def cells(self, response) -> dict:
        assert response.status_code == 200, response.content
        return {(cell["group"], cell["competence"]): cell for cell in response.json()["cells"]}

    def test_a_manager_gets_their_units_unsuppressed(self, client, world):
        response = client.get(f"{API}/competences/gaps", **bearer(world.manager))

        assert response.json()["scope"] == "units"
        cells = self.cells(response)
        nurses = cells[(world.nurse.pk, "A1")]
        assert (nurses["people"], nurses["below_required"], nurses["share_below"], nurses["mean_level"]) == (
            5,
            2,
            0.4,
            3.0,
        )
        assert cells[(world.social.pk, "A1")]["people"] == 2

    def test_a_coordinator_gets_the_network_with_small_groups_suppressed(self, client, world, coordinator):
        response = client.get(f"{API}/competences/gaps", **bearer(coordinator))

        body = response.json()
        assert (body["scope"], body["min_group_size"]) == ("network", MIN_GROUP_SIZE)
        cells = self.cells(response)
        assert cells[(world.nurse.pk, "A1")]["people"] == 8
        small = cells[(world.social.pk, "A1")]
        assert small["suppressed"] is True
        assert (small["people"], small["mean_level"], small["below_required"], small["share_below"]) == (
            None,
            None,
            None,
            None,
        )

    def test_filters_by_unit_group_and_round(self, client, world, coordinator):
        headers = bearer(coordinator)
        cells = self.cells(client.get(f"{API}/competences/gaps", {"unit": world.other.pk}, **headers))
        assert list(cells) == [(world.nurse.pk, "A1")]
        assert cells[(world.nurse.pk, "A1")]["suppressed"] is True  # three people
        cells = self.cells(client.get(f"{API}/competences/gaps", {"group": world.social.pk}, **headers))
        assert {group for group, _code in cells} == {world.social.pk}
        cells = self.cells(client.get(f"{API}/competences/gaps", {"round": world.round.pk}, **headers))
        assert cells[(world.nurse.pk, "A1")]["people"] == 8

    def test_staff_get_403(self, client, world):
        assert_error(client.get(f"{API}/competences/gaps", **bearer(world.nurses[0])), 403, "forbidden")

    def test_a_manager_asking_for_another_unit_gets_404(self, client, world):
        response = client.get(f"{API}/competences/gaps", {"unit": world.other.pk}, **bearer(world.manager))
        assert_error(response, 404, "not_found")

    @pytest.mark.parametrize("params", [{"unit": "abc"}, {"group": "x"}, {"round": "0"}, {"unit": "-3"}])
    def test_malformed_filters_are_422(self, client, world, params):
        response = client.get(f"{API}/competences/gaps", params, **bearer(world.manager))
        assert_error(response, 422, "invalid")

    def test_unknown_group_or_round_is_404(self, client, world):
        headers = bearer(world.manager)
        assert_error(client.get(f"{API}/competences/gaps", {"group": 999999}, **headers), 404, "not_found")
        assert_error(client.get(f"{API}/competences/gaps", {"round": 999999}, **headers), 404, "not_found")

    def test_an_administrator_gets_the_network(self, client, world):
        admin = make_administrator(professional_group=None)
        assert client.get(f"{API}/competences/gaps", **bearer(admin)).json()["scope"] == "network"


class TestGapsCompare:
    """``compare``: the same round comparison as the pages, with the same validation and permissions."""

    @pytest.fixture
    def earlier(self, world):
        from datetime import timedelta

        from tests.competencies.factories import make_gap_round

        survey = make_gap_round(
            world.framework.version, opens_on=world.round.opens_on - timedelta(days=200), name="Aiempi"
        )
        for person in world.nurses:
            assess(person, survey, {"A1": 1, "A2": 2})
        return survey

    def cells(self, response) -> dict:
        assert response.status_code == 200, response.content
        return {(cell["group"], cell["competence"]): cell for cell in response.json()["cells"]}

    def test_each_cell_gets_the_comparison_rounds_figures_and_the_change(self, client, world, earlier):
        params = {"round": world.round.pk, "compare": earlier.pk}

        cells = self.cells(client.get(f"{API}/competences/gaps", params, **bearer(world.manager)))

        a1 = cells[(world.nurse.pk, "A1")]
        assert (a1["compare_people"], a1["compare_mean_level"], a1["compare_below_required"]) == (5, 1.0, 5)
        assert (a1["mean_change"], a1["share_below_change"]) == (2.0, -0.6)
        assert cells[(world.social.pk, "A1")]["compare_people"] is None

    def test_without_compare_the_comparison_fields_are_null(self, client, world):
        cells = self.cells(client.get(f"{API}/competences/gaps", **bearer(world.manager)))
        assert cells[(world.nurse.pk, "A1")]["compare_people"] is None
        assert cells[(world.nurse.pk, "A1")]["mean_change"] is None

    def test_a_small_comparison_group_is_suppressed_in_network_scope(self, client, world, coordinator):
        from tests.competencies.factories import make_gap_round

        small = make_gap_round(world.framework.version, name="Pieni")
        for person in world.nurses[:3]:
            assess(person, small, {"A1": 2})

        response = client.get(
            f"{API}/competences/gaps", {"round": world.round.pk, "compare": small.pk}, **bearer(coordinator)
        )

        a1 = self.cells(response)[(world.nurse.pk, "A1")]
        assert (a1["compare_suppressed"], a1["compare_people"], a1["compare_mean_level"]) == (True, None, None)
        assert a1["mean_change"] is None

    def test_comparing_a_round_with_itself_is_422(self, client, world):
        params = {"round": world.round.pk, "compare": world.round.pk}
        assert_error(client.get(f"{API}/competences/gaps", params, **bearer(world.manager)), 422, "invalid")

    def test_an_unknown_or_malformed_compare_round(self, client, world):
        headers = bearer(world.manager)
        assert_error(client.get(f"{API}/competences/gaps", {"compare": 999999}, **headers), 404, "not_found")
        assert_error(client.get(f"{API}/competences/gaps", {"compare": "x"}, **headers), 422, "invalid")

    def test_staff_get_403_with_compare_too(self, client, world, earlier):
        response = client.get(f"{API}/competences/gaps", {"compare": earlier.pk}, **bearer(world.nurses[0]))
        assert_error(response, 403, "forbidden")

    def test_the_schema_documents_compare(self, client):
        schema = client.get(f"{API}/openapi.json").json()
        parameters = schema["paths"][f"{API}/competences/gaps"]["get"]["parameters"]
        assert "compare" in {parameter["name"] for parameter in parameters}
        cell = schema["components"]["schemas"]["GapCellOut"]["properties"]
        assert {"compare_people", "mean_change", "share_below_change"} <= set(cell)
