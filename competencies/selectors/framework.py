"""Reads of frameworks: the current version of a framework, a version with its content."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from ..models import Competence, CompetenceArea, Framework, FrameworkVersion, ProficiencyLevel, Requirement


def framework_current_version(framework: Framework) -> FrameworkVersion | None:
    """The published version of the framework (the one new survey rounds use), if any."""
    return (
        framework.versions.filter(status=FrameworkVersion.Status.PUBLISHED)
        .select_related("framework", "scale")
        .order_by("-number")
        .first()
    )


def version_with_content(pk: int) -> FrameworkVersion:
    """One version with its scale levels, areas, competences and requirements, in a fixed number of queries."""
    return _versions_with_content().get(pk=pk)


def _versions_with_content() -> QuerySet[FrameworkVersion]:
    requirements = Requirement.objects.select_related("professional_group").order_by(
        "professional_group__sort_order", "professional_group__code", "service_level"
    )
    competences = Competence.objects.order_by("sort_order", "code").prefetch_related(
        Prefetch("requirements", queryset=requirements)
    )
    return FrameworkVersion.objects.select_related("framework", "scale").prefetch_related(
        Prefetch("scale__levels", queryset=ProficiencyLevel.objects.order_by("value")),
        Prefetch("areas", queryset=CompetenceArea.objects.order_by("sort_order", "code")),
        Prefetch("areas__competences", queryset=competences),
    )
