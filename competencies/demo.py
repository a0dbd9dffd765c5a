"""The demo competence framework; ``build_framework`` is called by ``load_demo`` and can run any number of times."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from people.models import ProfessionalGroup, ServiceLevel

from .demo_content import (
    AREAS,
    DEFAULT_PROFILE,
    FRAMEWORK,
    GROUP_EXCEPTIONS,
    GROUP_PROFILES,
    PROFILES,
    SPECIAL_LEVEL_AREAS,
    SPECIAL_LEVEL_GROUPS,
)
from .models import Framework, FrameworkVersion, Requirement
from .selectors import framework_current_version
from .services import (
    competence_area_save,
    competence_save,
    framework_version_draft,
    framework_version_publish,
    scale_default,
    version_check_editable,
)

LANGUAGES = ("fi", "sv", "en")


@dataclass
class FrameworkResult:
    framework: Framework
    version: FrameworkVersion
    competences: int
    requirements: int
    published_now: bool


def required_levels(group_code: str) -> dict[tuple[str, str], int]:
    """(competence code, service level) → required level for one group; "" is any service level."""
    profile = PROFILES[GROUP_PROFILES.get(group_code, DEFAULT_PROFILE)]
    exceptions = GROUP_EXCEPTIONS.get(group_code, {})
    levels = {}
    for area_index, (area_code, _names, _descriptions, competences) in enumerate(AREAS):
        for code, _names, _descriptions in competences:
            level = exceptions.get(code, profile[area_index])
            levels[(code, "")] = level
            if group_code in SPECIAL_LEVEL_GROUPS and area_code in SPECIAL_LEVEL_AREAS:
                levels[(code, ServiceLevel.SPECIAL.value)] = min(level + 1, 5)
    return levels


@transaction.atomic
def build_framework(groups: Mapping[str, ProfessionalGroup]) -> FrameworkResult:
    """The family-centre framework, version 1 published, with requirements for every given group.

    Upserts by codes. A published version is never edited, so once version 1 is out, later runs
    leave it as it is.
    """
    framework, _created = Framework.objects.update_or_create(
        code=FRAMEWORK["code"], defaults={key: value for key, value in FRAMEWORK.items() if key != "code"}
    )
    version = framework_current_version(framework)
    published_now = False
    if version is None:
        version = framework.versions.filter(status=FrameworkVersion.Status.DRAFT).first()
        version = version or framework_version_draft(framework=framework, scale=scale_default())
        _fill(version, groups)
        version = framework_version_publish(version=version)
        published_now = True
    return FrameworkResult(
        framework=framework,
        version=version,
        competences=version.competences.count(),
        requirements=Requirement.objects.filter(competence__version=version).count(),
        published_now=published_now,
    )


def _fill(version: FrameworkVersion, groups: Mapping[str, ProfessionalGroup]) -> None:
    version_check_editable(version)
    competences = {}
    for area_order, (area_code, names, descriptions, items) in enumerate(AREAS, start=1):
        area = competence_area_save(
            version=version, code=area_code, sort_order=area_order, **_texts(names, descriptions)
        )
        for order, (code, competence_names, competence_descriptions) in enumerate(items, start=1):
            competences[code] = competence_save(
                version=version,
                area=area,
                code=code,
                sort_order=area_order * 10 + order,
                **_texts(competence_names, competence_descriptions),
            )
    values = {level.value for level in version.scale.levels.all()}
    rows = []
    for group_code, group in groups.items():
        for (code, service_level), level in required_levels(group_code).items():
            assert level in values, f"{group_code}/{code}: {level} is not on the scale"
            rows.append(
                Requirement(
                    competence=competences[code],
                    professional_group=group,
                    service_level=service_level,
                    required_level=level,
                )
            )
    Requirement.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["competence", "professional_group", "service_level"],
        update_fields=["required_level"],
    )


def _texts(names: tuple[str, str, str], descriptions: tuple[str, str, str]) -> dict[str, str]:
    texts = {f"name_{language}": name for language, name in zip(LANGUAGES, names, strict=True)}
    texts |= {f"description_{language}": text for language, text in zip(LANGUAGES, descriptions, strict=True)}
    return texts
