"""The proficiency scale: the default 1-5 levels with descriptors, and levels checked against it."""

import pytest
from django.db import IntegrityError

from competencies.errors import CompetenceError
from competencies.models import ProficiencyLevel, ProficiencyScale
from competencies.services import requirement_set, scale_check_change, scale_default
from tests.competencies.factories import make_draft, make_published

pytestmark = pytest.mark.django_db


def test_the_default_scale_has_five_levels_described_in_three_languages():
    scale = scale_default()

    levels = list(scale.levels.all())
    assert [level.value for level in levels] == [1, 2, 3, 4, 5]
    for level in levels:
        assert level.name_fi and level.name_sv and level.name_en
        assert level.descriptor_fi and level.descriptor_sv and level.descriptor_en
    assert (scale.min_value, scale.max_value) == (1, 5)


def test_the_default_scale_is_created_once():
    assert scale_default() == scale_default()
    assert ProficiencyScale.objects.count() == 1
    assert ProficiencyLevel.objects.count() == 5


@pytest.mark.parametrize("level", [0, 6, None])
def test_a_required_level_outside_the_scale_is_refused(level):
    draft = make_draft()
    competence = draft.competences.get(code="A1")
    group = competence.requirements.first().professional_group

    with pytest.raises(CompetenceError) as error:
        requirement_set(competence=competence, professional_group=group, required_level=level)

    assert error.value.code == "level_out_of_scale"
    assert competence.requirements.get(professional_group=group, service_level="").required_level == 3


def test_a_configured_scale_decides_which_levels_are_allowed():
    draft = make_draft()
    scale = ProficiencyScale.objects.create(name_fi="Kolmiportainen")
    for value in (1, 2, 3):
        ProficiencyLevel.objects.create(scale=scale, value=value, name_fi=f"Taso {value}")
    draft.scale = scale
    draft.save()
    competence = draft.competences.get(code="A1")
    group = competence.requirements.first().professional_group

    requirement_set(competence=competence, professional_group=group, required_level=2)
    with pytest.raises(CompetenceError) as error:
        requirement_set(competence=competence, professional_group=group, required_level=4)

    assert error.value.code == "level_out_of_scale"
    assert error.value.params == {"level": 4, "min": 1, "max": 3}


def test_a_level_value_appears_once_per_scale():
    scale = scale_default()

    with pytest.raises(IntegrityError):
        ProficiencyLevel.objects.create(scale=scale, value=3, name_fi="Toinen kolmonen")


def test_scale_levels_must_be_distinct_and_not_empty():
    scale = scale_default()

    with pytest.raises(CompetenceError) as duplicate:
        scale_check_change(scale=scale, values=[1, 2, 2])
    with pytest.raises(CompetenceError) as empty:
        scale_check_change(scale=scale, values=[])

    assert (duplicate.value.code, empty.value.code) == ("scale_duplicate_level", "scale_empty")


def test_the_values_of_a_scale_in_published_use_are_fixed_but_a_draft_scale_may_change():
    draft = make_draft()
    scale_check_change(scale=draft.scale, values=[1, 2, 3, 4])

    published = make_published(code="toinen")
    with pytest.raises(CompetenceError) as error:
        scale_check_change(scale=published.scale, values=[1, 2, 3, 4])

    assert error.value.code == "scale_in_use"
    scale_check_change(scale=published.scale, values=[5, 4, 3, 2, 1])
