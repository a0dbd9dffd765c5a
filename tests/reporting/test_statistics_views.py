"""The participant statistics page: who sees which figures, the tables, the chart, the filters."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from reporting.models import Project
from tests.factories import UserFactory
from tests.reporting.factories_statistics import grow, manager_of, period, privileged

pytestmark = pytest.mark.django_db
URL = reverse("reporting:statistics")
HIDDEN = "hidden: fewer than %(count)s people"


def page(client, user, **params):
    client.force_login(user)
    return client.get(URL, period(**params))


def totals(response) -> dict:
    return {figure.measure.key: figure.value for figure in response.context["long"].totals.figures}


def column(response, key: str) -> list:
    """One measure of every line of the long table, with the line's names."""
    table = response.context["long"]
    index = [measure.key for measure in table.measures].index(key)
    return [(line.names, line.figures[index].value) for line in table.lines]


NETWORK = {
    "events": 2,
    "participations": 18,
    "unique_participants": 18,
    "completed": 10,
    "no_shows": 1,
    "cancellations": 1,
    "waiting": 1,
    "participant_hours": Decimal("60.0"),
    "certificates": 10,
    "feedback_mean": None,
    "recommend_share": None,
    "response_rate": None,
}


class TestWhoSeesWhat:
    def test_staff_and_trainers_without_units_are_refused(self, client, world):
        assert page(client, UserFactory()).status_code == 403
        assert page(client, UserFactory(is_trainer=True)).status_code == 403

    def test_anonymous_visitors_are_sent_to_sign_in(self, client, world):
        response = client.get(URL)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    @pytest.mark.parametrize("role", [{"is_coordinator": True}, {"is_superuser": True}])
    def test_coordinators_and_administrators_see_the_whole_network(self, client, world, role):
        response = page(client, privileged(**role))

        assert response.status_code == 200
        assert totals(response) == NETWORK
        assert not response.context["result"].suppressed

    def test_a_manager_sees_only_the_people_of_their_units(self, client, world):
        response = page(client, world.manager_a, rows="organisation")

        assert totals(response)["participations"] == 5
        assert totals(response)["cancellations"] == 1
        assert column(response, "participations") == [((world.unit_a.organisation.name,), 5)]
        assert "Järjestö ry" not in response.content.decode()
        assert response.context["result"].suppressed

    def test_a_manager_of_an_area_sees_the_units_below_it(self, client, world):
        response = page(client, manager_of(world.area))

        assert totals(response)["participations"] == 13  # unit A 5, unit B 5 + 3

    @pytest.mark.parametrize(("role", "shown"), [("staff", False), ("manager", True), ("coordinator", True)])
    def test_the_navigation_links_to_the_page_for_those_who_may_see_it(self, client, world, role, shown):
        user = {"staff": UserFactory, "manager": lambda: world.manager_a}.get(
            role, lambda: privileged(is_coordinator=True)
        )()
        client.force_login(user)
        assert (f'href="{URL}"' in client.get(reverse("training:my_trainings")).content.decode()) is shown


class TestTables:
    def test_without_dimensions_the_totals_are_shown(self, client, world):
        response = page(client, privileged(is_coordinator=True))

        content = response.content.decode()
        assert 'class="stats-totals"' in content and "<table" not in content
        assert response.context["chart"] is None

    def test_one_dimension_lists_every_measure_with_a_totals_row(self, client, world):
        response = page(client, privileged(is_coordinator=True), rows="course")

        table = response.context["long"]
        assert [measure.key for measure in table.measures] == list(NETWORK)
        assert column(response, "participations") == [(("MARAK",), 3), (("Perhekeskus tutuksi",), 15)]
        assert column(response, "waiting") == [(("MARAK",), 1), (("Perhekeskus tutuksi",), 0)]
        assert totals(response) == NETWORK
        assert "<tfoot>" in response.content.decode()

    def test_a_person_dimension_leaves_feedback_out(self, client, world):
        response = page(client, privileged(is_coordinator=True), rows="sector")

        keys = [measure.key for measure in response.context["long"].measures]
        assert "feedback_mean" not in keys and "response_rate" not in keys
        assert column(response, "participations") == [(("Hyvinvointialue",), 13), (("Järjestö",), 5)]

    def test_two_dimensions_give_a_cross_tabulation_with_totals_and_small_cells_hidden(self, client, world):
        response = page(client, privileged(is_coordinator=True), rows="course", columns="sector")

        cross = response.context["cross"]
        assert cross.column_names == ["Hyvinvointialue", "Järjestö"]
        figures = {
            line.name: ([None if f.suppressed else f.value for f in line.figures], line.total.suppressed)
            for line in cross.lines
        }
        # MARAK in the county has 3 people: hidden, and with it the cells and totals that would give it away.
        assert figures == {"MARAK": ([None, 0], True), "Perhekeskus tutuksi": ([None, 5], True)}
        assert [figure.value for figure in cross.column_totals] == [13, 5]
        assert cross.total.value == 18
        assert len(response.context["long"].lines) == 3

    def test_hidden_figures_show_a_dash_with_an_explanation(self, client, world):
        response = page(client, manager_of(world.area), rows="course")

        content = response.content.decode()
        explanation = gettext(HIDDEN) % {"count": 5}
        assert f'<span aria-hidden="true">–</span><span class="visually-hidden">{explanation}</span>' in content
        assert all(line.suppressed for line in response.context["long"].lines)

    def test_a_project_narrows_the_figures_to_its_courses(self, client, world):
        today = timezone.localdate()
        project = Project.objects.create(
            name_fi="Tutuksi-hanke", starts_on=today - datetime.timedelta(days=30), ends_on=today
        )
        project.courses.add(world.intro)

        response = page(client, privileged(is_coordinator=True), project=project.pk)

        assert totals(response)["participations"] == 15

    def test_an_empty_period_says_so(self, client, world):
        client.force_login(privileged(is_coordinator=True))
        response = client.get(URL, {"from": "2001-01-01", "to": "2001-12-31", "rows": "course"})

        assert response.context["is_empty"]
        content = response.content.decode()
        assert '<p class="empty">' in content and "<table" not in content


class TestChart:
    def test_one_dimension_draws_bars_beside_the_same_figures(self, client, world):
        response = page(client, privileged(is_coordinator=True), rows="course", measure="completed")

        chart = response.context["chart"]
        assert not chart.is_trend
        assert [(point.name, point.text) for point in chart.points] == [("MARAK", "0"), ("Perhekeskus tutuksi", "10")]
        assert [bar.width for bar in chart.chart.bars] == [0, 320]
        content = response.content.decode()
        assert 'role="img"' in content and 'aria-labelledby="stats-chart-title"' in content

    def test_by_month_the_chart_is_a_trend_with_every_month_of_the_period(self, client, world):
        day = timezone.localtime(world.intro_session.starts_at).date()
        first = day.replace(day=1) - datetime.timedelta(days=40)
        client.force_login(privileged(is_coordinator=True))

        response = client.get(URL, {"from": first.isoformat(), "to": day.isoformat(), "rows": "month"})

        chart = response.context["chart"]
        assert chart.is_trend and len(chart.points) == 3
        assert [point.text for point in chart.points] == ["0", "0", "18"]
        assert [column.height for column in chart.chart.columns][:2] == [0, 0]


class TestFilters:
    def test_the_default_period_is_this_year(self, client, world):
        client.force_login(privileged(is_coordinator=True))

        response = client.get(URL)

        year = timezone.localdate().year
        result = response.context["result"]
        assert (result.date_from, result.date_to) == (datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        assert [preset["current"] for preset in response.context["presets"]] == [True, False, False, False]

    def test_presets_fill_in_the_dates_and_keep_the_other_choices(self, client, world):
        response = page(client, privileged(is_coordinator=True), rows="course")

        year = timezone.localdate().year
        last_year = response.context["presets"][1]["query"]
        assert f"from={year - 1}-01-01" in last_year and f"to={year - 1}-12-31" in last_year
        assert "rows=course" in last_year

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"from": "2026-13-01"}, "date_from"),
            ({"from": "yesterday"}, "date_from"),
            ({"from": "1850-01-01"}, "date_from"),
            ({"to": "2150-01-01"}, "date_to"),
            ({"from": "2026-06-01", "to": "2026-01-01"}, "date_to"),
            ({"from": ""}, "date_from"),
            ({"rows": "shoe_size"}, "rows"),
            ({"rows": "course", "columns": "course"}, "columns"),
            ({"columns": "course"}, "columns"),
            ({"project": "999999"}, "project"),
            ({"project": "99999999999999999999999"}, "project"),
            ({"measure": "height"}, "measure"),
            ({"rows": "sector", "measure": "feedback_mean"}, "measure"),
        ],
    )
    def test_bad_input_is_shown_again_with_a_message(self, client, world, params, field):
        client.force_login(privileged(is_coordinator=True))

        response = client.get(URL, params)

        assert response.status_code == 400
        form = response.context["form"]
        assert field in form.errors
        content = response.content.decode()
        assert form.errors[field][0] in content.replace("&#x27;", "'").replace("&quot;", '"')
        assert 'aria-invalid="true"' in content


class TestQueries:
    @pytest.mark.parametrize(
        "params",
        [{}, {"rows": "course"}, {"rows": "month"}, {"rows": "organisation", "columns": "course"}],
        ids=["totals", "one", "trend", "two"],
    )
    def test_the_number_of_queries_does_not_grow_with_the_data(
        self, client, world, params, django_assert_max_num_queries
    ):
        coordinator = privileged(is_coordinator=True)
        client.force_login(coordinator)
        client.get(URL, period(**params))
        with CaptureQueriesContext(connection) as small:
            client.get(URL, period(**params))

        grow(world.programme, courses=4, people=6)

        with django_assert_max_num_queries(len(small)):
            response = client.get(URL, period(**params))
        assert totals(response)["participations"] == 18 + 4 * 6
