"""The demo's projects: the Pohjois-Savo project of 2017-2019 gives exactly the seed material's table, the current
project reports the demo's sessions, a rerun adds nothing and the participation facts are complete."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from people.models import User
from reporting.models import Activity, Participation, Project
from reporting.selectors.project_numbers import HEADLINE
from reporting.services.coordinators import COORDINATORS_GROUP
from reporting.services.participations import participations_rebuild
from tests.reporting.factories import facts
from tests.reporting.factories_projects import with_totp
from training.demo.projects import CURRENT_NAMES, HISTORICAL_NAMES

pytestmark = pytest.mark.django_db
API = "/api/v1/stats/project-in-numbers"
PERIOD = {"from": "2017-01-01", "to": "2019-12-31"}
NONE = {"events": None, "participants": None}

# What the seed project reported (DOMAIN.md): kind → (events, participants).
SEED = {
    "seminar": (13, 1150),
    "survey": (7, 1541),
    HEADLINE: (None, 7570),
    "workshop": (23, 512),
    "working_group": (50, None),
    "method_training": (5, 45),
    "pilot": (50, 710),
}


@pytest.fixture
def coordinator_client(client):
    coordinator = with_totp(User.objects.get(email="koordinaattori@pohjoissavo.example"))
    client.force_login(coordinator)
    return client


def earlier() -> Project:
    return Project.objects.get(name_fi=HISTORICAL_NAMES[0])


def test_the_earlier_projects_table_is_the_seed_material_through_the_api(coordinator_client):
    rows = coordinator_client.get(API, {"project": earlier().pk, **PERIOD}).json()["rows"]

    assert {row["kind"]: (row["events"], row["participants"]) for row in rows} == SEED
    pilot = next(row for row in rows if row["kind"] == "pilot")
    assert [pilot["by_level"][level]["events"] for level in ("perustaso", "erityistaso")] == [40, 10]
    assert sum(pilot["by_level"][level]["participants"] for level in ("perustaso", "erityistaso")) == 710
    headline = next(row for row in rows if row["kind"] == HEADLINE)
    assert headline["name"] == "Perhekeskus tutuksi työntekijöille"
    assert headline["by_level"] == {"perustaso": NONE, "erityistaso": NONE}


def test_the_earlier_projects_page_shows_the_same_table(coordinator_client):
    project = earlier()
    response = coordinator_client.get(reverse("reporting:project_numbers", args=[project.pk]))

    assert response.status_code == 200
    numbers = response.context["numbers"]
    assert {row.kind: (row.events, row.participants) for row in numbers.rows} == SEED
    assert next(row.meetings for row in numbers.rows if row.kind == "working_group") > 50
    text = response.content.decode()
    for figure in ("1\xa0150", "1\xa0541", "7\xa0570", "512", "710"):
        assert figure in text


def test_the_years_add_up_to_the_seed_material():
    years = {
        year: Activity.objects.filter(project=earlier(), starts_on__year=year).count() for year in (2017, 2018, 2019)
    }
    assert all(count >= 8 for count in years.values())


def test_the_current_project_reports_the_demos_sessions_and_survey_rounds(coordinator_client):
    project = Project.objects.get(name_fi=CURRENT_NAMES[0])
    assert project.courses.count() >= 10
    rows = coordinator_client.get(API, {"project": project.pk}).json()["rows"]

    kinds = {row["kind"]: row for row in rows}
    assert {"seminar", "method_training", "survey", "working_group", "pilot"} <= set(kinds)
    sessions_held = Participation.objects.filter(project=project, session__isnull=False).values("session").distinct()
    assert sessions_held.exists()
    assert kinds["survey"]["participants"] > 0  # the competence survey rounds' respondents
    assert kinds["working_group"]["participants"] == 8  # its list of people


def test_the_projects_list_offers_both_projects(coordinator_client):
    text = coordinator_client.get(reverse("reporting:projects")).content.decode()
    assert HISTORICAL_NAMES[0] in text
    assert CURRENT_NAMES[0] in text


def test_the_facts_are_complete_after_the_demo():
    before = facts()
    participations_rebuild()
    assert facts() == before


def test_the_demo_coordinator_is_in_the_coordinators_group():
    group = Group.objects.get(name=COORDINATORS_GROUP)
    assert set(group.user_set.values_list("email", flat=True)) == {"koordinaattori@pohjoissavo.example"}


def test_running_it_again_adds_nothing(demo):
    assert "Projects: 2, 43 new activities" in demo
    counts = (Project.objects.count(), Activity.objects.count(), Participation.objects.count())
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert (Project.objects.count(), Activity.objects.count(), Participation.objects.count()) == counts
    assert "Projects: 2, 0 new activities" in output.getvalue()
