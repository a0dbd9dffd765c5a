"""Competence test data: frameworks, scales, survey rounds and assessments.

* ``make_framework`` / ``make_round`` / ``make_setting``: a small framework for one group, a round
  and a network around it (surveys, assessments).
* ``make_gap_framework`` / ``make_gap_round`` / ``assess``: a published version every given group
  needs, with submitted ratings (gap analysis, training demand).
* ``make_draft`` / ``make_published``: a version built through the services (editing, transfer).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from competencies.models import (
    Assessment,
    Competence,
    CompetenceArea,
    Framework,
    FrameworkVersion,
    ProficiencyLevel,
    ProficiencyScale,
    Rating,
    Requirement,
    SurveyRound,
)
from competencies.services import (
    competence_area_save,
    competence_save,
    framework_create,
    framework_version_draft,
    framework_version_publish,
    requirement_set,
)
from people.models import OrgUnit, ProfessionalGroup, User
from tests.factories import OrganisationFactory, OrgUnitFactory, ProfessionalGroupFactory, UserFactory

LEVEL_NAMES = ["Aloittelija", "Perusosaaja", "Osaaja", "Kokenut", "Asiantuntija"]


def make_scale(values=range(1, 6), *, numbered: bool = False) -> ProficiencyScale:
    """A scale with a level per value: named and described, or ``numbered`` ("Taso 1" / "Level 1", as the gap
    tests read them)."""
    if numbered:
        scale = ProficiencyScale.objects.create(name_fi="Osaamisen taso", name_en="Proficiency")
        levels = (
            ProficiencyLevel(scale=scale, value=value, name_fi=f"Taso {value}", name_en=f"Level {value}")
            for value in values
        )
    else:
        scale = ProficiencyScale.objects.create(name_fi="Osaamistaso", name_en="Proficiency")
        levels = (
            ProficiencyLevel(
                scale=scale,
                value=value,
                name_fi=LEVEL_NAMES[(value - 1) % 5],
                descriptor_fi=f"Tason {value} kuvaus: mitä tällä tasolla osaa.",
            )
            for value in values
        )
    ProficiencyLevel.objects.bulk_create(levels)
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


# Gap analysis: a version every group needs, rounds and submitted ratings
# ------------------------------------------------------------------------------


@dataclass
class Framework5:
    version: FrameworkVersion
    competences: dict[str, Competence]

    def __getitem__(self, code: str) -> Competence:
        return self.competences[code]


def make_gap_framework(
    groups: list[ProfessionalGroup],
    *,
    codes: tuple[str, ...] = ("A1", "A2", "B1"),
    required: int = 3,
    code: str = "perhekeskus",
    number: int = 1,
    framework: Framework | None = None,
    scale: ProficiencyScale | None = None,
) -> Framework5:
    """A published version: area A (codes starting with A), area B (the rest); every group needs ``required``."""
    framework = framework or Framework.objects.create(code=code, name_fi="Perhekeskuksen osaaminen")
    version = FrameworkVersion.objects.create(
        framework=framework,
        number=number,
        status=FrameworkVersion.Status.DRAFT,
        scale=scale or make_scale(numbered=True),
    )
    areas = {
        letter: CompetenceArea.objects.create(
            version=version, code=letter, name_fi=f"Alue {letter}", name_en=f"Area {letter}", sort_order=index
        )
        for index, letter in enumerate(sorted({c[0] for c in codes}))
    }
    competences = {}
    for index, competence_code in enumerate(codes):
        competence = Competence.objects.create(
            version=version,
            area=areas[competence_code[0]],
            code=competence_code,
            name_fi=f"Osaaminen {competence_code}",
            name_en=f"Competence {competence_code}",
            sort_order=index,
        )
        competences[competence_code] = competence
        Requirement.objects.bulk_create(
            Requirement(competence=competence, professional_group=group, required_level=required) for group in groups
        )
    # content is written while a draft, then frozen
    FrameworkVersion.objects.filter(pk=version.pk).update(
        status=FrameworkVersion.Status.PUBLISHED, published_at=timezone.now()
    )
    version.refresh_from_db()
    return Framework5(version=version, competences=competences)


def make_gap_round(
    version: FrameworkVersion, *, opens_on: datetime.date | None = None, name: str = "Kartoitus"
) -> SurveyRound:
    opens_on = opens_on or timezone.localdate() - datetime.timedelta(days=30)
    return SurveyRound.objects.create(
        name_fi=name, name_en=name, version=version, opens_on=opens_on, closes_on=opens_on + datetime.timedelta(days=14)
    )


def assess(
    person: User,
    survey_round: SurveyRound,
    levels: dict[str, int | tuple[int | None, int | None]],
    *,
    submitted: bool = True,
) -> Assessment:
    """An assessment with one rating per code: ``level`` (own) or ``(own, manager's)``."""
    assessment = Assessment.objects.create(
        round=survey_round,
        person=person,
        status=Assessment.Status.SUBMITTED if submitted else Assessment.Status.DRAFT,
        submitted_at=timezone.now() if submitted else None,
    )
    competences = {c.code: c for c in Competence.objects.filter(version_id=survey_round.version_id)}
    ratings = []
    for code, level in levels.items():
        own, manager = level if isinstance(level, tuple) else (level, None)
        ratings.append(
            Rating(assessment=assessment, competence=competences[code], self_level=own, manager_level=manager)
        )
    Rating.objects.bulk_create(ratings)
    return assessment


def make_people(count: int, *, unit: OrgUnit, group: ProfessionalGroup, **fields) -> list[User]:
    return [UserFactory(unit=unit, professional_group=group, **fields) for _ in range(count)]


def make_unit_tree() -> tuple[OrgUnit, OrgUnit, OrgUnit]:
    """An area with a unit below it, and an unrelated unit elsewhere: (area, child, other)."""
    organisation = OrganisationFactory()
    area = OrgUnitFactory(organisation=organisation, kind=OrgUnit.Kind.AREA, name="Alue")
    child = OrgUnitFactory(organisation=organisation, parent=area, name="Neuvola")
    other = OrgUnitFactory(organisation=organisation, name="Muu yksikkö")
    return area, child, other


# Built through the services: drafts and published versions
# ------------------------------------------------------------------------------


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
