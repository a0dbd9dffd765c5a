"""/api/v1/stats/participation and /api/v1/projects: shapes, scoping, suppression, errors and the schema."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from people.api_tokens import token_create
from reporting.models import Project
from tests.factories import UserFactory, enrol
from tests.reporting.factories_statistics import (
    grow,
    into_the_past,
    manager_of,
    past_session,
    period,
    privileged,
)

pytestmark = pytest.mark.django_db
STATS = "/api/v1/stats/participation"
PROJECTS = "/api/v1/projects"
FIGURES = {
    "events",
    "participations",
    "unique_participants",
    "completed",
    "no_shows",
    "cancellations",
    "participant_hours",
    "waiting",
    "certificates",
    "feedback_mean",
    "recommend_share",
    "response_rate",
    "suppressed",
}


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="BI")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def coordinator():
    """Names come in the caller's preferred language."""
    return bearer(privileged(is_coordinator=True, preferred_language="en"))


def stats(client, headers, **params):
    response = client.get(STATS, period(**params), **headers)
    assert response.status_code == 200, response.content
    return response.json()


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code and body["message"]
    return body


class TestShapes:
    def test_rows_carry_each_dimension_as_code_and_name_then_the_figures(self, client, world, coordinator):
        body = stats(client, coordinator, by="course")

        assert set(body) == {"rows", "totals"}
        assert [set(row) for row in body["rows"]] == [FIGURES | {"course"}] * 2
        marak, intro = body["rows"]
        assert marak["course"] == {"code": world.marak.pk, "name": "MARAK"}
        assert (intro["course"]["code"], intro["participations"], intro["completed"]) == (world.intro.pk, 15, 10)
        assert (intro["participant_hours"], intro["suppressed"]) == (60.0, False)
        assert set(body["totals"]) == FIGURES
        assert body["totals"] | {"feedback_mean": None} == {
            "events": 2,
            "participations": 18,
            "unique_participants": 18,
            "completed": 10,
            "no_shows": 1,
            "cancellations": 1,
            "participant_hours": 60.0,
            "waiting": 1,
            "certificates": 10,
            "feedback_mean": None,
            "recommend_share": None,
            "response_rate": None,
            "suppressed": False,
        }

    def test_without_by_only_the_totals_come(self, client, world, coordinator):
        body = stats(client, coordinator)
        assert body["rows"] == [] and body["totals"]["participations"] == 18

    def test_two_dimensions_come_together_in_each_row_and_small_cells_are_null(self, client, world, coordinator):
        rows = stats(client, coordinator, by="course,sector")["rows"]

        assert [set(row) for row in rows] == [FIGURES | {"course", "sector"}] * 3
        marak_county = next(row for row in rows if row["course"]["name"] == "MARAK")
        assert marak_county["sector"] == {"code": "hyvinvointialue", "name": "Wellbeing services county"}
        assert marak_county["suppressed"] is True
        assert all(marak_county[key] is None for key in FIGURES - {"suppressed"})

    @pytest.mark.parametrize(
        ("by", "code"),
        [("month", "{day:%Y-%m}"), ("quarter", "{day.year}-Q{quarter}"), ("year", None), ("level", "perustaso")],
    )
    def test_codes_are_strings_for_months_quarters_and_choices_and_a_number_for_a_year(
        self, client, world, coordinator, by, code
    ):
        day = timezone.localtime(world.intro_session.starts_at).date()
        rows = stats(client, coordinator, by=by)["rows"]

        expected = day.year if code is None else code.format(day=day, quarter=(day.month - 1) // 3 + 1)
        assert expected in [row[by]["code"] for row in rows]

    def test_an_unknown_value_has_a_null_code_named_not_recorded(self, client, world, coordinator):
        session = past_session(world.intro)
        for _ in range(5):
            enrol(session, UserFactory(unit=world.unit_a, professional_group=None))
        into_the_past(session)

        rows = stats(client, coordinator, by="professional_group")["rows"]

        assert rows[-1]["professional_group"] == {"code": None, "name": "Not recorded"}
        assert rows[-1]["participations"] == 5

    def test_feedback_comes_by_event_dimensions_only(self, client, world, coordinator):
        from tests.training.factories_feedback import answer

        ratings = [5, 4, 4, 5, 3]
        for enrolment, overall in zip(
            world.intro_session.enrolments.filter(outcome="completed")[:5], ratings, strict=True
        ):
            answer(enrolment, overall=overall)  # five answers: released

        marak, intro = stats(client, coordinator, by="course")["rows"]
        by_sector = stats(client, coordinator, by="sector")["rows"]

        assert (marak["feedback_mean"], marak["response_rate"]) == (None, None)
        assert intro["feedback_mean"] == sum(ratings) / 5
        assert (intro["recommend_share"], intro["response_rate"]) == (1.0, round(5 / 15, 4))
        assert all(row["feedback_mean"] is None for row in by_sector)


class TestWhoGetsWhat:
    def test_a_token_is_needed(self, client, world):
        assert_error(client.get(STATS), 401, "unauthorized")
        assert_error(client.get(PROJECTS), 401, "unauthorized")

    def test_staff_are_refused(self, client, world):
        headers = bearer(UserFactory())
        assert_error(client.get(STATS, **headers), 403, "forbidden")
        assert_error(client.get(PROJECTS, **headers), 403, "forbidden")

    def test_a_manager_gets_only_the_people_of_their_units_with_small_cells_hidden(self, client, world):
        mine = stats(client, bearer(world.manager_a), by="organisation")
        area = stats(client, bearer(manager_of(world.area)), by="course")

        assert [row["organisation"]["code"] for row in mine["rows"]] == [world.unit_a.organisation_id]
        assert mine["totals"]["participations"] == 5
        # MARAK has 3 people of unit B: hidden, and the other course with it (it would follow from the total).
        assert [row["suppressed"] for row in area["rows"]] == [True, True]
        assert area["totals"]["participations"] == 13

    def test_administrators_get_the_whole_network(self, client, world):
        body = stats(client, bearer(privileged(is_superuser=True)), by="sector")

        assert [row["sector"]["code"] for row in body["rows"]] == ["hyvinvointialue", "jarjesto"]
        assert body["totals"]["participations"] == 18

    def test_a_project_narrows_the_figures(self, client, world, coordinator):
        today = timezone.localdate()
        project = Project.objects.create(name_fi="Hanke", starts_on=today - datetime.timedelta(days=30), ends_on=today)
        project.courses.add(world.marak)

        assert stats(client, coordinator, project=project.pk)["totals"]["participations"] == 3


class TestErrors:
    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"by": "shoe_size"}, "by"),
            ({"by": "course,month,year"}, "by"),
            ({"by": "course,course"}, "by"),
            ({"from": "2026-02-30"}, "from"),
            ({"from": "someday"}, "from"),
            ({"from": "1899-12-31"}, "from"),
            ({"to": "2101-01-01"}, "to"),
            ({"from": "2026-06-01", "to": "2026-05-31"}, "to"),
            ({"project": "0"}, "project"),
            ({"project": "x"}, "project"),
            ({"project": str(2**63)}, "project"),
        ],
    )
    def test_bad_input_is_a_422_naming_the_parameter(self, client, world, coordinator, params, field):
        response = client.get(STATS, {"from": "2026-01-01", "to": "2026-12-31", **params}, **coordinator)

        body = assert_error(response, 422, "invalid")
        assert ["query", field] in [error["loc"][:2] for error in body["errors"]]

    def test_a_project_that_does_not_exist_is_a_404(self, client, world, coordinator):
        assert_error(client.get(STATS, {"project": 2**63 - 1}, **coordinator), 404, "not_found")


class TestProjects:
    def test_projects_are_listed_a_page_at_a_time_with_their_period(self, client, world):
        first = Project.objects.create(
            name_fi="Perhekeskus tutuksi", name_en="Get to know", starts_on="2025-01-01", ends_on="2026-12-31"
        )
        Project.objects.create(name_fi="Vanha hanke", starts_on="2017-01-01", ends_on="2019-12-31")

        world.manager_a.preferred_language = "en"
        world.manager_a.save()
        response = client.get(PROJECTS, {"limit": 1}, **bearer(world.manager_a))

        assert response.status_code == 200
        assert response.json() == {
            "items": [{"id": first.pk, "name": "Get to know", "starts_on": "2025-01-01", "ends_on": "2026-12-31"}],
            "count": 2,
        }
        assert_error(client.get(PROJECTS, {"limit": 101}, **bearer(world.manager_a)), 422, "invalid")


def test_the_schema_documents_the_answers_errors_and_bounds(client):
    schema = client.get("/api/v1/openapi.json").json()

    operation = schema["paths"]["/api/v1/stats/participation"]["get"]
    assert set(operation["responses"]) == {"200", "401", "403", "404", "422"}
    parameters = {parameter["name"]: parameter["schema"] for parameter in operation["parameters"]}
    assert set(parameters) == {"from", "to", "by", "project"}
    assert parameters["project"]["anyOf"][0] | {"minimum": 1, "maximum": 2**63 - 1} == parameters["project"]["anyOf"][0]
    assert "professional_group" in parameters["by"]["pattern"]
    assert set(schema["paths"]["/api/v1/projects"]["get"]["responses"]) == {"200", "401", "403", "422"}


def test_the_number_of_queries_does_not_grow_with_the_data(client, world, coordinator, django_assert_max_num_queries):
    params = period(by="organisation,month")
    client.get(STATS, params, **coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(STATS, params, **coordinator)

    grow(world.programme, courses=4, people=6)

    with django_assert_max_num_queries(len(small)):
        response = client.get(STATS, params, **coordinator)
    assert response.json()["totals"]["participations"] == 18 + 4 * 6
