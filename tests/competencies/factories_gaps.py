"""Test data for gap analysis: a published framework with requirements, rounds and submitted assessments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

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
from people.models import OrgUnit, ProfessionalGroup, User
from tests.factories import OrganisationFactory, OrgUnitFactory, UserFactory


@dataclass
class Framework5:
    version: FrameworkVersion
    competences: dict[str, Competence]

    def __getitem__(self, code: str) -> Competence:
        return self.competences[code]


def make_scale() -> ProficiencyScale:
    scale = ProficiencyScale.objects.create(name_fi="Osaamisen taso", name_en="Proficiency")
    ProficiencyLevel.objects.bulk_create(
        ProficiencyLevel(scale=scale, value=value, name_fi=f"Taso {value}", name_en=f"Level {value}")
        for value in range(1, 6)
    )
    return scale


def make_framework(
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
        scale=scale or make_scale(),
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


def make_round(version: FrameworkVersion, *, opens_on: date | None = None, name: str = "Kartoitus") -> SurveyRound:
    opens_on = opens_on or timezone.localdate() - timedelta(days=30)
    return SurveyRound.objects.create(
        name_fi=name, name_en=name, version=version, opens_on=opens_on, closes_on=opens_on + timedelta(days=14)
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
