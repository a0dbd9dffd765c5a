"""``GET /api/v1/stats/project-in-numbers``: the contract, the roles, bad input as JSON errors, the schema."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.ids import ID_MAX
from reporting.selectors.project_numbers import HEADLINE
from tests.factories import UserFactory
from tests.reporting.factories_projects import activity, administrator, coordinator, make_project, manager

pytestmark = pytest.mark.django_db
URL = "/api/v1/stats/project-in-numbers"


@pytest.fixture
def project(programme):
    project = make_project(programme)
    activity(project, "seminar", date(2017, 3, 1), level="perustaso", event_count=3, participant_count=120)
    activity(project, "course", date(2018, 3, 1), course=project.headline_course, event_count=None, participant_count=7)
    activity(project, "working_group", date(2019, 3, 1), event_count=4, meeting_count=20)
    return project


def get(client, user, **query):
    if user is not None:
        client.force_login(user)
    return client.get(URL, query)


def test_it_answers_the_rows_of_the_contract(client, project):
    response = get(client, coordinator(preferred_language="en"), project=project.pk)
    assert response.status_code == 200
    assert response.json() == {
        "rows": [
            {
                "kind": "seminar",
                "name": "Thematic seminar or training event",
                "events": 3,
                "participants": 120,
                "by_level": {
                    "perustaso": {"events": 3, "participants": 120},
                    "erityistaso": {"events": None, "participants": None},
                },
            },
            {
                "kind": HEADLINE,
                "name": "Perhekeskus tutuksi",
                "events": None,
                "participants": 7,
                "by_level": {
                    "perustaso": {"events": None, "participants": None},
                    "erityistaso": {"events": None, "participants": None},
                },
            },
            {
                "kind": "working_group",
                "name": "Co-development working group",
                "events": 4,
                "participants": None,
                "by_level": {
                    "perustaso": {"events": None, "participants": None},
                    "erityistaso": {"events": None, "participants": None},
                },
            },
        ]
    }


def test_names_follow_the_persons_language(client, project):
    response = get(client, administrator(preferred_language="sv"), project=project.pk)
    assert response.json()["rows"][0]["name"] == "Tematiskt seminarium eller utbildningstillfälle"


def test_the_period_limits_the_rows(client, project):
    response = get(client, coordinator(), project=project.pk, **{"from": "2018-01-01", "to": "2019-12-31"})
    assert [row["kind"] for row in response.json()["rows"]] == [HEADLINE, "working_group"]
    only_to = get(client, None, project=project.pk, to="2017-12-31")
    assert [row["kind"] for row in only_to.json()["rows"]] == ["seminar"]


def test_the_page_and_the_api_show_the_same_figures(client, project):
    from django.urls import reverse

    client.force_login(coordinator())
    rows = client.get(URL, {"project": project.pk}).json()["rows"]
    page = client.get(reverse("reporting:project_numbers", args=[project.pk])).context["numbers"]
    assert [(row["kind"], row["events"], row["participants"]) for row in rows] == [
        (row.kind, row.events, row.participants) for row in page.rows
    ]


@pytest.mark.parametrize("who", ["staff", "manager", "trainer"])
def test_other_roles_get_403(client, project, who):
    user = {"staff": UserFactory, "manager": manager, "trainer": lambda: UserFactory(is_trainer=True)}[who]()
    response = get(client, user, project=project.pk)
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_without_credentials_it_is_401(client, project):
    assert get(client, None, project=project.pk).status_code == 401


def test_an_unknown_project_is_a_json_404(client, project):
    response = get(client, coordinator(), project=project.pk + 1000)
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"project": "abc"},
        {"project": "0"},
        {"project": "9" * 30},
        {"from": "2019-13-01"},
        {"to": "yesterday"},
        {"from": "2019-01-01", "to": "2018-01-01"},
        {"to": "9999-12-31"},
        {"from": "0001-01-01"},
    ],
)
def test_bad_input_is_a_json_422(client, project, query):
    query = {"project": project.pk, **query} if "project" not in query and query else query
    response = get(client, coordinator(), **query)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "invalid"


def test_the_schema_documents_the_response_errors_and_bounds(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["get"]
    assert {"200", "401", "403", "404", "422"} <= set(operation["responses"])
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert set(parameters) == {"project", "from", "to"}
    assert parameters["project"]["schema"]["minimum"] == 1
    assert parameters["project"]["schema"]["maximum"] == ID_MAX
    row = schema["components"]["schemas"]["RowOut"]
    assert set(row["properties"]) == {"kind", "name", "events", "participants", "by_level"}


def test_queries_stay_the_same_for_more_records(client, programme):
    client.force_login(coordinator())
    project = make_project(programme)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"project": project.pk}).status_code == 200
        return len(captured)

    def record(day, people: int) -> None:
        for kind in ("seminar", "survey", "working_group"):
            activity(project, kind, day, level="erityistaso", event_count=2, participant_count=20)
        activity(project, "pilot", day, level="perustaso", people=UserFactory.create_batch(people))
        activity(project, "course", day, course=project.headline_course, participant_count=100)

    record(date(2018, 1, 1), people=1)
    few = queries()
    for year in (2017, 2019):
        record(date(year, 6, 1), people=6)
    assert queries() == few
