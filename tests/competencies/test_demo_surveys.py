"""The demo survey rounds: two finished rounds a year apart and one open now, with believable answers."""

import datetime
from statistics import mean

import pytest
from django.db.models import Avg

from competencies.demo_surveys import build_survey_rounds
from competencies.models import Assessment, Rating, SurveyRound
from competencies.selectors import round_targets
from people.models import OrgUnit
from tests.competencies.factories import make_framework
from tests.factories import OrgUnitFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 16)


@pytest.fixture
def demo():
    data = make_framework(competences_per_area=5)
    county = OrgUnitFactory(kind=OrgUnit.Kind.COUNTY)
    areas = [OrgUnitFactory(parent=county, organisation=county.organisation, kind=OrgUnit.Kind.AREA) for _ in range(3)]
    for area in areas:
        for _ in range(2):
            unit = OrgUnitFactory(parent=area, organisation=county.organisation)
            UserFactory.create_batch(12, unit=unit, professional_group=data.group, verified_email=False)
        area.managers.add(UserFactory(unit=area, professional_group=data.group, verified_email=False))
    return data, areas


def snapshot():
    return sorted(
        Rating.objects.values_list(
            "assessment__round__name_fi",
            "assessment__person_id",
            "competence_id",
            "self_level",
            "training_need",
            "manager_level",
        )
    )


def test_two_finished_rounds_a_year_apart_and_one_open_now(demo):
    data, areas = demo
    result = build_survey_rounds(data.version, today=TODAY)
    finished = [survey for survey in result.rounds if survey.is_closed(TODAY)]
    [open_round] = [survey for survey in result.rounds if survey.is_open(TODAY)]
    assert [survey.name_fi for survey in finished] == ["Osaamiskartoitus syksy 2024", "Osaamiskartoitus syksy 2025"]
    assert finished[1].opens_on - finished[0].opens_on == datetime.timedelta(days=365)
    assert open_round.name_fi == "Osaamiskartoitus kevät 2026"
    # Most areas: all but the last, and so most people.
    assert set(open_round.target_units.all()) == set(areas[:-1])
    targeted = round_targets(finished[0]).count()
    submitted = finished[0].assessments.filter(status=Assessment.Status.SUBMITTED).count()
    assert targeted == 2 * (2 * 12 + 1)
    assert 0.6 * targeted <= submitted < targeted


def test_the_answers_are_believable(demo):
    data, _areas = demo
    result = build_survey_rounds(data.version, today=TODAY)
    first, second, _open = result.rounds
    levels = Rating.objects.filter(self_level__isnull=False)
    assert set(levels.values_list("self_level", flat=True)) <= {1, 2, 3, 4, 5}
    assert len(set(levels.values_list("self_level", flat=True))) >= 3
    mean_first = Rating.objects.filter(assessment__round=first).aggregate(m=Avg("self_level"))["m"]
    mean_second = Rating.objects.filter(assessment__round=second).aggregate(m=Avg("self_level"))["m"]
    assert mean_second > mean_first  # improvement between the rounds
    assert 2.3 < mean_first < 3.7  # around the required level 3
    below = Rating.objects.filter(self_level__lt=3)
    at_or_above = Rating.objects.filter(self_level__gte=3)
    assert below.exists()  # some gaps
    assert mean(below.values_list("training_need", flat=True)) > mean(
        at_or_above.values_list("training_need", flat=True)
    )
    assert Rating.objects.exclude(comment="").exists()
    discussed = Assessment.objects.filter(round=first, discussed_at__isnull=False)
    assert discussed.exists()
    assert Rating.objects.filter(assessment__in=discussed, manager_level__isnull=False).exists()
    assert not Rating.objects.filter(assessment__status=Assessment.Status.DRAFT, manager_level__isnull=False).exists()
    assert Assessment.objects.filter(round=_open, status=Assessment.Status.DRAFT).exists()
    # Ratings only for competences that apply to the person's group.
    assert not Rating.objects.filter(competence=data.other).exists()


def test_running_again_changes_nothing_and_the_result_is_the_same_every_time(demo):
    data, _areas = demo
    build_survey_rounds(data.version, today=TODAY)
    before = snapshot()
    again = build_survey_rounds(data.version, today=TODAY)
    assert (again.assessments, again.ratings) == (0, 0)
    assert SurveyRound.objects.count() == 3
    assert snapshot() == before
    SurveyRound.objects.all().delete()
    build_survey_rounds(data.version, today=TODAY)
    assert snapshot() == before


def test_the_demo_staff_login_finds_the_open_round_waiting(demo):
    data, areas = demo
    unit = OrgUnit.objects.filter(parent=areas[0]).first()
    login = UserFactory(email="tyontekija@pohjoissavo.example", unit=unit, professional_group=data.group)
    result = build_survey_rounds(data.version, today=TODAY)
    assert not Assessment.objects.filter(round=result.rounds[-1], person=login).exists()
