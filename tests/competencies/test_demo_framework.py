"""The demo framework: the seven family-centre tasks and the shared ways of working, requirements for every group."""

import pytest

from competencies.demo import build_framework
from competencies.models import Competence, Framework, FrameworkVersion, Requirement
from competencies.services import framework_version_draft
from people.models import ProfessionalGroup, ServiceLevel
from training.demo.network import PROFESSIONAL_GROUPS

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    return {
        code: ProfessionalGroup.objects.create(code=code, name_fi=fi, name_sv=sv, name_en=en)
        for code, fi, sv, en in PROFESSIONAL_GROUPS
    }


def test_version_one_is_published_with_eight_areas_and_about_25_competences(groups):
    result = build_framework(groups)

    version = result.version
    assert (version.number, version.status) == (1, FrameworkVersion.Status.PUBLISHED)
    assert version.areas.count() == 8
    assert 20 <= version.competences.count() <= 30
    for competence in Competence.objects.filter(version=version):
        assert all(
            getattr(competence, f"{field}_{lang}") for field in ("name", "description") for lang in ["fi", "sv", "en"]
        )


def test_every_group_has_a_requirement_in_every_competence(groups):
    version = build_framework(groups).version

    competences = version.competences.count()
    for group in groups.values():
        generic = Requirement.objects.filter(competence__version=version, professional_group=group, service_level="")
        assert generic.count() == competences, group.code
    levels = set(Requirement.objects.filter(competence__version=version).values_list("required_level", flat=True))
    assert levels <= {1, 2, 3, 4, 5}
    assert len(levels) >= 4


def test_some_requirements_differ_on_the_special_service_level(groups):
    version = build_framework(groups).version

    special = Requirement.objects.filter(competence__version=version, service_level=ServiceLevel.SPECIAL)
    assert special.exists()
    for requirement in special:
        basic = Requirement.objects.get(
            competence=requirement.competence, professional_group=requirement.professional_group, service_level=""
        )
        assert requirement.required_level >= basic.required_level
    assert any(
        requirement.required_level
        > Requirement.objects.get(
            competence=requirement.competence, professional_group=requirement.professional_group, service_level=""
        ).required_level
        for requirement in special
    )


def test_a_public_health_nurse_needs_more_in_raising_concerns_than_a_youth_worker(groups):
    version = build_framework(groups).version

    def level(group_code):
        return Requirement.objects.get(
            competence__version=version, competence__code="H3", professional_group__code=group_code, service_level=""
        ).required_level

    assert level("terveydenhoitaja") > level("nuorisotyontekija")


def test_building_again_changes_nothing(groups):
    first = build_framework(groups)
    before = sorted(
        Requirement.objects.values_list(
            "competence__code", "professional_group__code", "service_level", "required_level"
        )
    )

    second = build_framework(groups)

    assert second.version == first.version
    assert not second.published_now
    assert Framework.objects.count() == 1
    assert FrameworkVersion.objects.count() == 1
    assert (
        sorted(
            Requirement.objects.values_list(
                "competence__code", "professional_group__code", "service_level", "required_level"
            )
        )
        == before
    )


def test_an_unpublished_draft_left_behind_is_completed_and_published(groups):
    framework = Framework.objects.create(code="perhekeskus", name_fi="Vanha nimi")
    draft = framework_version_draft(framework=framework)

    result = build_framework(groups)

    assert result.version.pk == draft.pk
    assert result.version.status == FrameworkVersion.Status.PUBLISHED
    assert result.framework.name_fi == "Perhekeskuksen osaamiskartta"
