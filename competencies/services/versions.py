"""Framework versions: a draft is edited, publishing freezes it, and a new draft copies the published one.

Every write to a version's content goes through ``version_check_editable``: a published or
retired version is never changed in place (survey rounds keep pointing at it).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from people.models import ProfessionalGroup

from ..errors import CompetenceError
from ..models import Competence, CompetenceArea, Framework, FrameworkVersion, ProficiencyScale, Requirement
from .scale import scale_check_level, scale_default, scale_values

Status = FrameworkVersion.Status
TEXT_FIELDS = ("name_fi", "name_sv", "name_en", "description_fi", "description_sv", "description_en")


def version_check_editable(version: FrameworkVersion) -> None:
    if not version.is_editable:
        raise CompetenceError("version_not_editable")


def _lock_framework(framework: Framework) -> Framework:
    return Framework.objects.select_for_update().get(pk=framework.pk)


def _next_number(framework: Framework) -> int:
    return (framework.versions.aggregate(last=Max("number"))["last"] or 0) + 1


@transaction.atomic
def framework_create(
    *,
    code: str,
    name_fi: str,
    name_sv: str = "",
    name_en: str = "",
    description_fi: str = "",
    description_sv: str = "",
    description_en: str = "",
) -> Framework:
    return Framework.objects.create(
        code=code,
        name_fi=name_fi,
        name_sv=name_sv,
        name_en=name_en,
        description_fi=description_fi,
        description_sv=description_sv,
        description_en=description_en,
    )


@transaction.atomic
def framework_version_draft(
    *, framework: Framework, scale: ProficiencyScale | None = None, notes: str = ""
) -> FrameworkVersion:
    """A new draft: a copy of the latest published version (areas, competences, requirements), or
    an empty one when nothing has been published. Refused when a draft already exists."""
    framework = _lock_framework(framework)
    if framework.versions.filter(status=Status.DRAFT).exists():
        raise CompetenceError("draft_exists")
    source = framework.versions.filter(status=Status.PUBLISHED).order_by("-number").first()
    if source is None:
        source = framework.versions.order_by("-number").first()
    draft = FrameworkVersion.objects.create(
        framework=framework,
        number=_next_number(framework),
        status=Status.DRAFT,
        scale=scale or (source.scale if source else scale_default()),
        notes=notes,
    )
    if source is not None:
        _copy_content(source, draft)
    return draft


def _copy_content(source: FrameworkVersion, target: FrameworkVersion) -> None:
    areas = {}
    for area in source.areas.order_by("pk"):
        old_pk = area.pk
        area.pk = area.id = None
        area.version = target
        area.save()
        areas[old_pk] = area
    competences = {}
    for competence in source.competences.order_by("pk"):
        old_pk = competence.pk
        competences[old_pk] = Competence.objects.create(
            version=target,
            area=areas[competence.area_id],
            code=competence.code,
            sort_order=competence.sort_order,
            **{field: getattr(competence, field) for field in TEXT_FIELDS},
        )
    Requirement.objects.bulk_create(
        Requirement(
            competence=competences[requirement.competence_id],
            professional_group_id=requirement.professional_group_id,
            service_level=requirement.service_level,
            required_level=requirement.required_level,
        )
        for requirement in Requirement.objects.filter(competence__version=source).order_by("pk")
    )


@transaction.atomic
def framework_version_publish(*, version: FrameworkVersion) -> FrameworkVersion:
    """Publish a draft; the version published before it is retired (rounds keep pointing at it)."""
    _lock_framework(version.framework)
    version = FrameworkVersion.objects.select_related("scale").get(pk=version.pk)
    if version.status != Status.DRAFT:
        raise CompetenceError("not_a_draft")
    if not version.competences.exists():
        raise CompetenceError("version_empty")
    values = scale_values(version.scale)
    for level in Requirement.objects.filter(competence__version=version).values_list("required_level", flat=True):
        scale_check_level(scale=version.scale, level=level, values=values)
    version.framework.versions.filter(status=Status.PUBLISHED).update(status=Status.RETIRED)
    version.status = Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version


@transaction.atomic
def framework_version_update(
    *, version: FrameworkVersion, scale: ProficiencyScale | None = None, notes: str | None = None
) -> FrameworkVersion:
    version_check_editable(version)
    if scale is not None:
        version.scale = scale
    if notes is not None:
        version.notes = notes
    version.save(update_fields=["scale", "notes"])
    return version


@transaction.atomic
def competence_area_save(*, version: FrameworkVersion, code: str, sort_order: int = 0, **texts: str) -> CompetenceArea:
    """Create or update (by code) an area of a draft version."""
    version_check_editable(version)
    defaults = {"sort_order": sort_order, **_texts(texts)}
    area, _created = CompetenceArea.objects.update_or_create(version=version, code=code, defaults=defaults)
    return area


@transaction.atomic
def competence_save(
    *, version: FrameworkVersion, area: CompetenceArea, code: str, sort_order: int = 0, **texts: str
) -> Competence:
    """Create or update (by code) a competence of a draft version."""
    version_check_editable(version)
    if area.version_id != version.pk:
        raise CompetenceError("area_other_version")
    defaults = {"area": area, "sort_order": sort_order, **_texts(texts)}
    competence, _created = Competence.objects.update_or_create(version=version, code=code, defaults=defaults)
    return competence


@transaction.atomic
def requirement_set(
    *,
    competence: Competence,
    professional_group: ProfessionalGroup,
    required_level: int,
    service_level: str = "",
) -> Requirement:
    """Set the level a professional group needs in a competence (``service_level`` "" = any level)."""
    version = FrameworkVersion.objects.select_related("scale").get(pk=competence.version_id)
    version_check_editable(version)
    scale_check_level(scale=version.scale, level=required_level)
    requirement, _created = Requirement.objects.update_or_create(
        competence=competence,
        professional_group=professional_group,
        service_level=service_level,
        defaults={"required_level": required_level},
    )
    return requirement


@transaction.atomic
def competence_delete(*, competence: Competence) -> None:
    version_check_editable(competence.version)
    competence.delete()


@transaction.atomic
def competence_area_delete(*, area: CompetenceArea) -> None:
    version_check_editable(area.version)
    area.delete()


def _texts(texts: dict[str, str]) -> dict[str, str]:
    unknown = set(texts) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return {field: texts.get(field, "") for field in TEXT_FIELDS}
