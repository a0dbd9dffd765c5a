"""Training demand: courses developing competences in which people fall short, minus those who completed them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from competencies.selectors.gaps import MIN_GROUP_SIZE
from people.models import User
from reporting.selectors.demand import DEFAULT_CAPACITY, training_demand
from tests.competencies import conftest as gaps_fixtures
from tests.competencies.factories import assess, make_gap_framework, make_people
from tests.factories import enrol, make_course, make_session
from tests.spreadsheets import column, figures_as_text, is_number, workbook
from training.models import Enrolment

pytestmark = pytest.mark.django_db
world = gaps_fixtures.world
coordinator = gaps_fixtures.coordinator


def tag(course, *competences):
    course.develops_competences.set(competences)
    course.save_revision().publish()
    return course


@pytest.fixture
def courses(programme, world):
    """A1 course (sessions of 10 and 30, one upcoming with 1 confirmed), a B1 course without sessions."""
    a1 = tag(make_course(programme, "Lapset puheeksi"), world.framework["A1"])
    upcoming = make_session(a1, capacity=10)
    enrol(upcoming)
    past = make_session(a1, capacity=30, starts_in_days=-60)
    b1 = tag(make_course(programme, "Verkostojohtaminen"), world.framework["B1"])
    make_course(programme, "Ei tägejä")
    return {"a1": a1, "b1": b1, "upcoming": upcoming, "past": past}


def by_title(rows):
    return {row.course.title: row for row in rows}


class TestTrainingDemand:
    def test_it_counts_people_with_a_gap_in_a_competence_the_course_develops(self, world, courses):
        rows = by_title(training_demand())

        # A1 below 3: two nurses and two social workers of the child unit, three nurses elsewhere.
        a1 = rows["Lapset puheeksi"]
        assert a1.people == 7
        assert (a1.free_seats, a1.upcoming_sessions, a1.typical_capacity) == (9, 1, 20)
        assert (a1.seats_short, a1.sessions_needed) == (0, 0)
        assert "Verkostojohtaminen" not in rows  # nobody is assessed below in B1
        cells = {(cell.area_code, cell.group): cell for cell in a1.breakdown}
        assert cells[("A", world.nurse)].people == 5
        assert cells[("A", world.social)].suppressed is True
        # 7 in all, 5 of them nurses: the two social workers would follow by subtraction, so the
        # nurses' cell is hidden too.
        assert cells[("A", world.nurse)].suppressed is True

    def test_with_two_small_cells_hidden_the_larger_ones_stay(self):
        from reporting.selectors.demand import DemandCell, _suppress_complement

        cells = [
            DemandCell(area_code="A", area_name="A", group=None, people=people, suppressed=people < 5)
            for people in (9, 6, 2, 3)
        ] + [DemandCell(area_code="B", area_name="B", group=None, people=7, suppressed=False)]
        _suppress_complement(cells)
        assert [cell.suppressed for cell in cells] == [False, False, True, True, False]
        single = [
            DemandCell(area_code="A", area_name="A", group=None, people=people, suppressed=people < 5)
            for people in (9, 6, 2)
        ]
        _suppress_complement(single)
        assert [cell.suppressed for cell in single] == [False, True, True]

    def test_people_who_completed_the_course_are_left_out(self, world, courses):
        status, outcome = Enrolment.Status.CONFIRMED, Enrolment.Outcome
        Enrolment.objects.create(
            session=courses["past"], person=world.outsiders[0], status=status, outcome=outcome.COMPLETED
        )
        Enrolment.objects.create(
            session=courses["past"], person=world.outsiders[1], status=status, outcome=outcome.INCOMPLETE
        )

        assert by_title(training_demand())["Lapset puheeksi"].people == 6

    def test_sessions_needed_divide_the_missing_seats_by_the_typical_capacity(self, world, programme):
        course = tag(make_course(programme, "Ilman toteutuksia"), world.framework["A1"])
        people = make_people(25, unit=world.child, group=world.nurse)
        for person in people:
            assess(person, world.round, {"A1": 1})

        row = by_title(training_demand())[course.title]

        assert row.people == 32
        assert (row.free_seats, row.typical_capacity) == (0, DEFAULT_CAPACITY)
        assert (row.seats_short, row.sessions_needed) == (32, 2)

    def test_a_tag_on_a_newer_version_matches_gaps_found_on_an_older_one(self, world, programme):
        newer = make_gap_framework(
            [world.nurse, world.social],
            codes=("A1",),
            framework=world.framework.version.framework,
            number=2,
            scale=world.framework.version.scale,
        )
        course = tag(make_course(programme, "Uusi versio"), newer["A1"])
        assert by_title(training_demand())[course.title].people == 7

    @pytest.mark.parametrize("count", [1, 8])
    def test_the_query_count_does_not_grow(self, world, courses, programme, count, django_assert_num_queries):
        for n in range(count):
            tag(make_course(programme, f"Kurssi {n}"), world.framework["A1"], world.framework["A2"])
        for person in make_people(count, unit=world.other, group=world.social):
            assess(person, world.round, {"A1": 1, "A2": 1})
        with django_assert_num_queries(7):
            training_demand(people=User.objects.filter(is_active=True))


class TestDemandPage:
    def test_a_coordinator_sees_the_demand_and_downloads_it(self, client, world, courses, coordinator):
        client.force_login(coordinator)

        response = client.get(reverse("reporting:demand"))

        assert response.status_code == 200
        page = response.content.decode()
        assert "Lapset puheeksi" in page
        assert gettext("fewer than %(count)s") % {"count": MIN_GROUP_SIZE} in page
        assert 'role="img"' in page
        csv = client.get(reverse("reporting:demand_export", args=["csv"])).content.decode("utf-8")
        assert csv.startswith("\ufeff")
        assert "Lapset puheeksi;7;9;1;20;0;0" in csv
        xlsx = client.get(reverse("reporting:demand_export", args=["xlsx"]))
        assert xlsx.status_code == 200

    def test_managers_and_staff_get_403(self, client, world):
        client.force_login(world.manager)
        assert client.get(reverse("reporting:demand")).status_code == 403
        client.force_login(world.nurses[0])
        assert client.get(reverse("reporting:demand_export", args=["csv"])).status_code == 403

    def test_a_bad_round_is_400_with_the_form(self, client, world, coordinator):
        client.force_login(coordinator)
        response = client.get(reverse("reporting:demand"), {"round": "abc"})
        assert response.status_code == 400
        assert response.context["form"].errors

    def test_the_page_query_count_does_not_grow(self, client, world, courses, coordinator, programme):
        client.force_login(coordinator)

        def count():
            client.get(reverse("reporting:demand"))
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("reporting:demand")).status_code == 200
            return len(queries)

        few = count()
        for n in range(4):
            tag(make_course(programme, f"Kurssi {n}"), world.framework["A1"])
        assert count() == few


def test_the_training_demand_is_numbers(client, world, courses, coordinator):
    for person in make_people(5, unit=world.child, group=world.social):
        assess(person, world.round, {"A1": 1})  # groups large enough to show
    client.force_login(coordinator)

    with translation.override("en"):
        response = client.get(reverse("reporting:demand_export", args=["xlsx"]))
    assert response.status_code == 200
    book = workbook(response.content)

    demand, breakdown = book.worksheets
    for cells in zip(*demand.iter_rows(min_row=2, min_col=2), strict=True):
        assert all(is_number(cell) for cell in cells), [(cell.coordinate, cell.value) for cell in cells]
    with translation.override("en"):
        fewer = gettext("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}
        people = [cell for cell in column(breakdown, gettext("People")) if cell.value != fewer]
    assert people and all(is_number(cell) for cell in people)
    assert figures_as_text(book) == []
