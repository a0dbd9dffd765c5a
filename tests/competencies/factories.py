"""Small competence frameworks and survey rounds for the tests."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from competencies.models import (
    Competence,
    CompetenceArea,
    Framework,
    FrameworkVersion,
    ProficiencyLevel,
    ProficiencyScale,
    Requirement,
    SurveyRound,
)
from people.models import OrgUnit, ProfessionalGroup, User
from tests.factories import OrgUnitFactory, ProfessionalGroupFactory, UserFactory

LEVEL_NAMES = ["Aloittelija", "Perusosaaja", "Osaaja", "Kokenut", "Asiantuntija"]


def make_scale(values=range(1, 6)) -> ProficiencyScale:
    scale = ProficiencyScale.objects.create(name_fi="Osaamistaso", name_en="Proficiency")
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(
            scale=scale,
            value=value,
            name_fi=LEVEL_NAMES[(value - 1) % 5],
            descriptor_fi=f"Tason {value} kuvaus: mitä tällä tasolla osaa.",
        )
        for value in values
    )
    return scale


@dataclass
class FrameworkData:
    version: FrameworkVersion
    group: ProfessionalGroup
    competences: list[Competence] = field(default_factory=list)
    areas: list[CompetenceArea] = field(default_factory=list)

    def by_code(self, code: str) -> Competence:
        return next(competence for competence in self.competences if competence.code == code)


_counter = iter(range(1, 1_000_000))


def make_framework(
    *,
    group: ProfessionalGroup | None = None,
    status: str = FrameworkVersion.Status.PUBLISHED,
    code: str | None = None,
    number: int = 1,
    framework: Framework | None = None,
    competences_per_area: int = 2,
    required_level: int = 3,
) -> FrameworkData:
    """A published version with two areas (A, B), ``competences_per_area`` competences in each
    (A1, A2, B1, B2 …) and a requirement for ``group`` in every competence but the last one, and one
    competence for another group only."""
    group = group or ProfessionalGroupFactory()
    framework = framework or Framework.objects.create(
        code=code or f"kehys-{next(_counter)}", name_fi="Perhekeskuksen osaaminen", name_en="Family centre competence"
    )
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=FrameworkVersion.Status.DRAFT,
        scale=make_scale(),
    )
    data = FrameworkData(version=version, group=group)
    for index, area_code in enumerate(["A", "B"]):
        area = CompetenceArea.objects.create(
            version=version, code=area_code, name_fi=f"Alue {area_code}", sort_order=index
        )
        data.areas.append(area)
        for number_in_area in range(1, competences_per_area + 1):
            competence = Competence.objects.create(
                version=version,
                area=area,
                code=f"{area_code}{number_in_area}",
                name_fi=f"Osaaminen {area_code}{number_in_area}",
                description_fi="Kuvaus osaamisesta.",
                sort_order=number_in_area,
            )
            data.competences.append(competence)
            Requirement.objects.create(competence=competence, professional_group=group, required_level=required_level)
    other = Competence.objects.create(
        version=version, area=data.areas[-1], code="X9", name_fi="Muiden osaaminen", sort_order=99
    )
    Requirement.objects.create(competence=other, professional_group=ProfessionalGroupFactory(), required_level=2)
    data.other = other
    if status != FrameworkVersion.Status.DRAFT:  # content is written while a draft, then frozen
        FrameworkVersion.objects.filter(pk=version.pk).update(status=status, published_at=timezone.now())
        version.refresh_from_db()
    return data


def make_round(
    data: FrameworkData,
    *,
    units: list[OrgUnit],
    groups: list[ProfessionalGroup] | None = None,
    opens_in_days: int = -7,
    length_days: int = 30,
    name: str = "Osaamiskartoitus",
) -> SurveyRound:
    today = timezone.localdate()
    survey = SurveyRound.objects.create(
        name_fi=name,
        name_en="Competence survey",
        version=data.version,
        opens_on=today + datetime.timedelta(days=opens_in_days),
        closes_on=today + datetime.timedelta(days=opens_in_days + length_days),
    )
    survey.target_units.set(units)
    survey.target_groups.set(groups if groups is not None else [data.group])
    return survey


@dataclass
class Setting:
    """A small network: county → area → two units, staff and a manager of one unit, and an open round."""

    data: FrameworkData
    county: OrgUnit
    area: OrgUnit
    unit: OrgUnit
    other_unit: OrgUnit
    person: User
    colleague: User
    outsider: User
    manager: User
    round: SurveyRound


def make_setting(**round_kwargs) -> Setting:
    data = make_framework()
    county = OrgUnitFactory(kind=OrgUnit.Kind.COUNTY)
    area = OrgUnitFactory(parent=county, organisation=county.organisation, kind=OrgUnit.Kind.AREA)
    unit = OrgUnitFactory(parent=area, organisation=county.organisation)
    other_area = OrgUnitFactory(parent=county, organisation=county.organisation, kind=OrgUnit.Kind.AREA)
    other_unit = OrgUnitFactory(parent=other_area, organisation=county.organisation)
    person = UserFactory(unit=unit, professional_group=data.group, preferred_language="fi")
    colleague = UserFactory(unit=unit, professional_group=data.group, preferred_language="sv")
    outsider = UserFactory(unit=other_unit, professional_group=data.group)
    manager = UserFactory(unit=unit, professional_group=data.group)
    area.managers.add(manager)
    survey = make_round(data, units=[area], **round_kwargs)
    return Setting(data, county, area, unit, other_unit, person, colleague, outsider, manager, survey)


def answers(data: FrameworkData, level: int = 3, need: int | None = 2) -> dict[int, dict]:
    """A full set of answers for the group's competences."""
    return {competence.pk: {"level": level, "need": need, "comment": ""} for competence in data.competences}
