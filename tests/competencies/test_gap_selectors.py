"""Gap analysis selectors: person, heatmap, drill-down, round comparison, suppression, query counts."""

from datetime import timedelta

import pytest

from competencies.models import Requirement
from competencies.selectors.gaps import (
    MIN_GROUP_SIZE,
    cell_people,
    gap_ratings,
    heatmap,
    latest_assessments,
    person_competences,
)
from people.models import ServiceLevel, User
from tests.competencies.factories import assess, make_gap_framework, make_gap_round, make_people, make_unit_tree
from tests.factories import ProfessionalGroupFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurse():
    return ProfessionalGroupFactory(code="terveydenhoitaja", name_fi="Terveydenhoitaja", sort_order=1)


@pytest.fixture
def social():
    return ProfessionalGroupFactory(code="sosiaalityontekija", name_fi="Sosiaalityöntekijä", sort_order=2)


@pytest.fixture
def framework(nurse, social):
    return make_gap_framework([nurse, social], codes=("A1", "A2", "B1"), required=3)


@pytest.fixture
def survey_round(framework):
    return make_gap_round(framework.version)


@pytest.fixture
def units():
    return make_unit_tree()


def everyone():
    return User.objects.filter(is_active=True)


class TestPerson:
    def test_it_lists_required_and_current_with_gaps_first(self, framework, survey_round, nurse, units):
        person = UserFactory(professional_group=nurse, unit=units[1])
        assess(person, survey_round, {"A1": 4, "A2": (3, 1), "B1": 2})

        assessment, rows = person_competences(person)

        assert assessment.round == survey_round
        assert [(row.code, row.required, row.current, row.gap) for row in rows] == [
            ("A2", 3, 1, 2),  # the manager's level counts over the person's own 3
            ("B1", 3, 2, 1),
            ("A1", 3, 4, 0),
        ]

    def test_the_latest_submitted_round_counts_and_drafts_do_not(self, framework, survey_round, nurse, units):
        person = UserFactory(professional_group=nurse, unit=units[1])
        assess(person, survey_round, {"A1": 1, "A2": 1, "B1": 1})
        later = make_gap_round(framework.version, opens_on=survey_round.opens_on + timedelta(days=365))
        assess(person, later, {"A1": 5, "A2": 5, "B1": 5}, submitted=False)

        assessment, rows = person_competences(person)

        assert assessment.round == survey_round
        assert {row.current for row in rows} == {1}

    def test_a_requirement_for_the_service_level_wins_over_the_general_one(self, framework, survey_round, nurse):
        Requirement.objects.bulk_create(  # the published version's data, not an edit
            [
                Requirement(
                    competence=framework["A1"],
                    professional_group=nurse,
                    service_level=ServiceLevel.SPECIAL,
                    required_level=5,
                )
            ]
        )
        special = UserFactory(professional_group=nurse, service_level=ServiceLevel.SPECIAL)
        basic = UserFactory(professional_group=nurse, service_level=ServiceLevel.BASIC)

        assert {row.code: row.required for row in person_competences(special)[1]}["A1"] == 5
        assert {row.code: row.required for row in person_competences(basic)[1]}["A1"] == 3

    def test_without_an_assessment_the_published_requirements_show_unassessed(self, framework, nurse):
        person = UserFactory(professional_group=nurse)

        assessment, rows = person_competences(person)

        assert assessment is None
        assert [(row.code, row.current, row.gap) for row in rows] == [
            ("A1", None, None),
            ("A2", None, None),
            ("B1", None, None),
        ]

    def test_a_person_without_a_group_has_no_requirements(self, framework):
        assert person_competences(UserFactory(professional_group=None)) == (None, [])


class TestHeatmap:
    def test_cells_count_people_mean_and_share_below(self, framework, survey_round, nurse, social, units):
        nurses = make_people(4, unit=units[1], group=nurse)
        for person, level in zip(nurses, [1, 2, 3, 5], strict=True):
            assess(person, survey_round, {"A1": level, "A2": 3})
        assess(make_people(1, unit=units[1], group=social)[0], survey_round, {"A1": 4})

        result = heatmap(people=everyone())

        assert [column.code for column in result.columns] == ["A1", "A2"]
        assert [row.group for row in result.rows] == [nurse, social]
        a1 = result.cells[(nurse.pk, "A1")]
        assert (a1.people, float(a1.mean), a1.below, a1.share_below) == (4, 2.75, 2, 0.5)
        assert result.cells[(nurse.pk, "A2")].below == 0
        assert result.cells[(social.pk, "A1")].people == 1
        assert result.rows[1].cells == [result.cells[(social.pk, "A1")], None]

    def test_suppression_hides_cells_under_the_limit(self, framework, survey_round, nurse, social, units):
        for person in make_people(MIN_GROUP_SIZE, unit=units[1], group=nurse):
            assess(person, survey_round, {"A1": 1})
        for person in make_people(MIN_GROUP_SIZE - 1, unit=units[1], group=social):
            assess(person, survey_round, {"A1": 1})

        result = heatmap(people=everyone(), suppress=True)

        shown, small = result.cells[(nurse.pk, "A1")], result.cells[(social.pk, "A1")]
        assert (shown.suppressed, shown.below, shown.share_below) == (False, MIN_GROUP_SIZE, 1.0)
        assert (small.suppressed, small.mean, small.below, small.share_below) == (True, None, None, None)
        # The small group is left out of the totals as well, so it cannot be worked out by subtraction.
        assert [(total.people, total.below) for total in result.totals] == [(MIN_GROUP_SIZE, MIN_GROUP_SIZE)]

    def test_filters_by_people_group_and_round(self, framework, survey_round, nurse, social, units):
        area, child, other = units
        inside = make_people(2, unit=child, group=nurse)
        outside = make_people(2, unit=other, group=nurse)
        for person in inside + outside:
            assess(person, survey_round, {"A1": 2})
        assess(make_people(1, unit=child, group=social)[0], survey_round, {"A1": 2})
        earlier = make_gap_round(framework.version, opens_on=survey_round.opens_on - timedelta(days=365))
        assess(inside[0], earlier, {"A1": 5})

        below_area = everyone().filter(unit__in=[area, child])
        assert heatmap(people=below_area).cells[(nurse.pk, "A1")].people == 2
        assert list(heatmap(people=below_area, group=nurse).cells) == [(nurse.pk, "A1")]
        in_earlier = heatmap(people=below_area, round=earlier).cells
        assert list(in_earlier) == [(nurse.pk, "A1")]
        assert in_earlier[(nurse.pk, "A1")].people == 1

    def test_round_comparison_gives_the_change_per_cell(self, framework, survey_round, nurse, units):
        earlier = make_gap_round(framework.version, opens_on=survey_round.opens_on - timedelta(days=365))
        for person in make_people(2, unit=units[1], group=nurse):
            assess(person, earlier, {"A1": 1})
            assess(person, survey_round, {"A1": 4})

        cell = heatmap(people=everyone(), round=survey_round, compare=earlier).cells[(nurse.pk, "A1")]

        assert (cell.compare_people, float(cell.compare_mean), cell.compare_share_below) == (2, 1.0, 1.0)
        assert (cell.mean_change, cell.share_below_change) == (3.0, -1.0)

    def test_drill_down_lists_the_people_of_a_cell_largest_gap_first(self, framework, survey_round, nurse, units):
        low, high = make_people(2, unit=units[1], group=nurse)
        assess(high, survey_round, {"A1": 3})
        assess(low, survey_round, {"A1": 1})

        ratings = list(cell_people(people=everyone(), group=nurse, code="A1"))

        assert [(r.assessment.person, r.current, r.gap) for r in ratings] == [(low, 1, 2), (high, 3, 0)]

    def test_gap_ratings_are_the_ones_below_requirement(self, framework, survey_round, nurse, units):
        person = make_people(1, unit=units[1], group=nurse)[0]
        assess(person, survey_round, {"A1": 1, "A2": 3, "B1": (5, 2)})

        assert sorted(r.competence.code for r in gap_ratings(people=everyone())) == ["A1", "B1"]

    def test_latest_assessments_picks_each_persons_newest_submitted_round(self, framework, survey_round, nurse):
        person = UserFactory(professional_group=nurse)
        earlier = make_gap_round(framework.version, opens_on=survey_round.opens_on - timedelta(days=365))
        old = assess(person, earlier, {})
        assert list(latest_assessments()) == [old]
        new = assess(person, survey_round, {})
        assert list(latest_assessments()) == [new]


class TestQueryCounts:
    def populate(self, survey_round, group, unit, count):
        for person in make_people(count, unit=unit, group=group):
            assess(person, survey_round, {"A1": 1, "A2": 3, "B1": 4})

    @pytest.mark.parametrize("count", [2, 12])
    def test_the_heatmap_costs_the_same_queries_whatever_the_data(
        self, framework, survey_round, nurse, social, units, count, django_assert_num_queries
    ):
        self.populate(survey_round, nurse, units[1], count)
        self.populate(survey_round, social, units[1], count)
        earlier = make_gap_round(framework.version, opens_on=survey_round.opens_on - timedelta(days=365))
        with django_assert_num_queries(5):  # the comparison round has no ratings: no requirements to read
            heatmap(people=everyone(), round=survey_round, compare=earlier, suppress=True)

    @pytest.mark.parametrize("count", [2, 12])
    def test_the_person_view_costs_two_queries(
        self, framework, survey_round, nurse, units, count, django_assert_num_queries
    ):
        codes = [f"C{n}" for n in range(count)]
        make_gap_framework([nurse], codes=tuple(codes), code=f"other-{count}")
        person = UserFactory(professional_group=nurse)
        assess(person, survey_round, {"A1": 1})
        with django_assert_num_queries(2):
            person_competences(person)
