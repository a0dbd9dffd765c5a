"""Reads for competence evidence: a person's own, and what their managers may open."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from people.access import access_for
from people.models import OrgUnit, User

from ..models import Competence, Evidence, FrameworkVersion, Requirement


def evidence_of(person: User) -> QuerySet[Evidence]:
    """The person's evidence, newest first, with its competences (two queries)."""
    competences = Competence.objects.select_related("version").order_by("code")
    return Evidence.objects.filter(person=person).prefetch_related(Prefetch("competences", queryset=competences))


def evidence_by_competence_code(evidence: list[Evidence]) -> dict[str, list[Evidence]]:
    """Evidence keyed by competence code: codes stay the same across framework versions."""
    by_code: dict[str, list[Evidence]] = defaultdict(list)
    for item in evidence:
        for competence in item.competences.all():
            if item not in by_code[competence.code]:
                by_code[competence.code].append(item)
    return dict(by_code)


def get_own_evidence(person: User, pk: int) -> Evidence:
    evidence = Evidence.objects.filter(person=person, pk=pk).first()
    if evidence is None:
        raise Http404
    return evidence


def get_evidence_file_for_user(user: User, pk: int) -> Evidence:
    """Evidence with a file that ``user`` may open: their own, or that of a person in a unit they manage
    (or below). Nobody else, coordinators and administrators included: 404."""
    managed = OrgUnit.objects.below_paths(access_for(user).managed_unit_paths)
    evidence = (
        Evidence.objects.filter(pk=pk)
        .filter(Q(person=user) | Q(person__is_active=True, person__unit__in=managed.values("pk")))
        .exclude(file="")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def requirement_competences_for(person: User) -> QuerySet[Competence]:
    """Competences of the current published framework versions that apply to the person's group and level."""
    if person.professional_group_id is None:
        return Competence.objects.none()
    requirements = Requirement.objects.filter(
        professional_group_id=person.professional_group_id, service_level__in=[person.service_level, ""]
    )
    return (
        Competence.objects.filter(
            version__status=FrameworkVersion.Status.PUBLISHED, pk__in=requirements.values("competence_id")
        )
        .select_related("area", "version__framework")
        .order_by("version__framework__code", "area__sort_order", "sort_order", "code")
    )
