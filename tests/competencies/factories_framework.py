"""Frameworks for the competence tests: a small published or draft version built through the services."""

from __future__ import annotations

from competencies.models import Framework, FrameworkVersion
from competencies.services import (
    competence_area_save,
    competence_save,
    framework_create,
    framework_version_draft,
    framework_version_publish,
    requirement_set,
)
from people.models import ProfessionalGroup
from tests.factories import ProfessionalGroupFactory


def make_groups(*codes: str) -> dict[str, ProfessionalGroup]:
    return {
        code: ProfessionalGroupFactory(code=code, name_fi=code.title(), name_sv=code, name_en=code) for code in codes
    }


def make_draft(
    code: str = "pk", groups: dict[str, ProfessionalGroup] | None = None, competences: int = 2
) -> FrameworkVersion:
    """A draft of a new framework: area A with competences A1.., each required at level 3 (4 on the special level)."""
    groups = groups if groups is not None else make_groups("terveydenhoitaja")
    framework = Framework.objects.filter(code=code).first() or framework_create(code=code, name_fi=f"Kehys {code}")
    version = framework_version_draft(framework=framework)
    area = competence_area_save(version=version, code="A", name_fi="Alue A", name_sv="Område A", name_en="Area A")
    for number in range(1, competences + 1):
        competence = competence_save(
            version=version,
            area=area,
            code=f"A{number}",
            sort_order=number,
            name_fi=f"Osaaminen {number}",
            name_sv=f"Kompetens {number}",
            name_en=f"Competence {number}",
            description_fi='Kuvaus; jossa "lainausmerkit", pilkku ja\nrivinvaihto',
        )
        for group in groups.values():
            requirement_set(competence=competence, professional_group=group, required_level=3)
            requirement_set(
                competence=competence, professional_group=group, service_level="erityistaso", required_level=4
            )
    return version


def make_published(code: str = "pk", **kwargs) -> FrameworkVersion:
    return framework_version_publish(version=make_draft(code, **kwargs))
