"""Reads for survey rounds and assessments, scoped to whoever asks."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404

from people.access import access_for
from people.models import OrgUnit, User

from ..models import Assessment, Competence, FrameworkVersion, ProficiencyLevel, Rating, Requirement, SurveyRound

Status = Assessment.Status


def _ancestor_paths(path: str) -> list[str]:
    """ "000001/000007/" -> ["000001/", "000001/000007/"]: the unit and every unit above it."""
    parts = path.rstrip("/").split("/") if path else []
    return ["/".join(parts[:depth]) + "/" for depth in range(1, len(parts) + 1)]


def round_targets(round: SurveyRound) -> QuerySet[User]:
    """Active people the round is meant for: in a target unit or below it (every unit when none is chosen),
    in a target professional group (every group when none is chosen). People without a professional
    group have no requirements and are never targeted."""
    people = User.objects.filter(is_active=True, professional_group__isnull=False, unit__isnull=False)
    paths = list(round.target_units.values_list("path", flat=True))
    if paths:
        people = people.filter(unit__in=OrgUnit.objects.below_paths(paths).values("pk"))
    group_ids = list(round.target_groups.values_list("pk", flat=True))
    if group_ids:
        people = people.filter(professional_group_id__in=group_ids)
    return people.select_related("unit", "professional_group")


def _rounds_targeting(person: User) -> QuerySet[SurveyRound]:
    if person.professional_group_id is None or person.unit_id is None or not person.is_active:
        return SurveyRound.objects.none()
    paths = _ancestor_paths(person.unit.path)
    return (
        SurveyRound.objects.filter(Q(target_units__isnull=True) | Q(target_units__path__in=paths))
        .filter(Q(target_groups__isnull=True) | Q(target_groups=person.professional_group_id))
        .distinct()
    )


def is_targeted(round: SurveyRound, person: User) -> bool:
    return _rounds_targeting(person).filter(pk=round.pk).exists()


def rounds_for(person: User) -> QuerySet[SurveyRound]:
    """Every round that targets ``person``, newest first, with their own assessment's status and id."""
    mine = Assessment.objects.filter(round=OuterRef("pk"), person=person)
    return (
        _rounds_targeting(person)
        .select_related("version__framework")
        .annotate(
            my_status=Subquery(mine.values("status")[:1]),
            my_assessment_id=Subquery(mine.values("pk")[:1]),
        )
        .order_by("-opens_on", "pk")
    )


def open_rounds_for(person: User, today: datetime.date) -> QuerySet[SurveyRound]:
    """Rounds open on ``today`` that target ``person`` (with ``my_status``: None, "draft" or "submitted")."""
    return rounds_for(person).filter(opens_on__lte=today, closes_on__gte=today).order_by("closes_on", "pk")


def get_round_for_person(person: User, pk: int) -> SurveyRound:
    """A round that targets ``person`` (open or not) with its version and scale levels, else 404."""
    levels = Prefetch("version__scale__levels", queryset=ProficiencyLevel.objects.order_by("value"))
    round = (
        _rounds_targeting(person)
        .select_related("version__framework", "version__scale")
        .prefetch_related(levels)
        .filter(pk=pk)
        .first()
    )
    if round is None:
        raise Http404
    return round


def requirements_for(person: User, version: FrameworkVersion) -> dict[int, Requirement]:
    """The requirement that applies to ``person`` per competence id of ``version``: the one for their group
    and service level, else the one for their group with no service level. One query."""
    if person.professional_group_id is None:
        return {}
    rows = (
        Requirement.objects.filter(
            competence__version=version,
            professional_group_id=person.professional_group_id,
            service_level__in=[person.service_level, ""],
        )
        .select_related("competence__area")
        .order_by(
            "competence__area__sort_order", "competence__area__code", "competence__sort_order", "competence__code"
        )
    )
    chosen: dict[int, Requirement] = {}
    for requirement in rows:
        current = chosen.get(requirement.competence_id)
        if current is None or (current.service_level == "" and requirement.service_level):
            chosen[requirement.competence_id] = requirement
    return chosen


def assessment_of(round: SurveyRound, person: User) -> Assessment | None:
    """The person's assessment in the round with its ratings (two queries), if they have started one."""
    return (
        Assessment.objects.filter(round=round, person=person)
        .select_related("manager")
        .prefetch_related(Prefetch("ratings", queryset=Rating.objects.order_by("competence_id")))
        .first()
    )


# Coordinators
# ------------------------------------------------------------------------------
@dataclass
class RoundProgress:
    round: SurveyRound
    targeted: int
    drafts: int
    submitted: int

    @property
    def not_started(self) -> int:
        return max(self.targeted - self.drafts - self.submitted, 0)

    @property
    def submitted_percent(self) -> int:
        return round(100 * self.submitted / self.targeted) if self.targeted else 0


def rounds_with_progress(rounds: QuerySet[SurveyRound] | None = None) -> list[RoundProgress]:
    """Every round with how many it targets, how many drafts and submitted assessments it has.

    Four queries whatever the number of rounds and people: the rounds with their assessment counts,
    their target units and groups, and the number of active people per (unit path, group)."""
    rounds = list(
        (rounds if rounds is not None else SurveyRound.objects.all())
        .select_related("version__framework")
        .prefetch_related("target_units", "target_groups")
        .annotate(
            drafts=Count("assessments", filter=Q(assessments__status=Status.DRAFT)),
            submitted=Count("assessments", filter=Q(assessments__status=Status.SUBMITTED)),
        )
        .order_by("-opens_on", "-pk")
    )
    if not rounds:
        return []
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for row in (
        User.objects.filter(is_active=True, professional_group__isnull=False, unit__isnull=False)
        .values("unit__path", "professional_group_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[(row["unit__path"], row["professional_group_id"])] += row["n"]
    result = []
    for survey in rounds:
        paths = tuple(unit.path for unit in survey.target_units.all())
        groups = {group.pk for group in survey.target_groups.all()}
        targeted = sum(
            n
            for (path, group), n in counts.items()
            if (not paths or path.startswith(paths)) and (not groups or group in groups)
        )
        result.append(RoundProgress(survey, targeted, survey.drafts, survey.submitted))
    return result


def get_round(pk: int) -> SurveyRound:
    round = SurveyRound.objects.select_related("version__framework", "created_by").filter(pk=pk).first()
    if round is None:
        raise Http404
    return round


def published_versions() -> QuerySet[FrameworkVersion]:
    return FrameworkVersion.objects.filter(status=FrameworkVersion.Status.PUBLISHED).select_related("framework")


# Managers
# ------------------------------------------------------------------------------
def _managed_units(manager: User) -> QuerySet[OrgUnit]:
    """The units the user manages and those below: only these, even for a coordinator or an administrator
    (their wider reach is for network figures, not for reading or rating people's assessments)."""
    return OrgUnit.objects.below_paths(access_for(manager).managed_unit_paths)


def team_assessments(manager: User, round: SurveyRound) -> list[tuple[User, Assessment | None]]:
    """The targeted people of the manager's units (and below) with their assessment in ``round``, if any.
    Three queries."""
    people = (
        round_targets(round)
        .filter(unit__in=_managed_units(manager).values("pk"))
        .exclude(pk=manager.pk)
        .order_by("last_name", "first_name", "email")
    )
    people = list(people)
    assessments = {
        assessment.person_id: assessment
        for assessment in Assessment.objects.filter(round=round, person__in=[person.pk for person in people])
    }
    return [(person, assessments.get(person.pk)) for person in people]


def rounds_for_team(manager: User) -> QuerySet[SurveyRound]:
    """Rounds that target someone in the manager's units: rounds without target units, or with a target unit
    above, in or below one of theirs."""
    paths = access_for(manager).managed_unit_paths
    if not paths:
        return SurveyRound.objects.none()
    above = {ancestor for path in paths for ancestor in _ancestor_paths(path)}
    condition = Q(target_units__isnull=True) | Q(target_units__path__in=above)
    for path in paths:
        condition |= Q(target_units__path__startswith=path)
    return SurveyRound.objects.filter(condition).distinct().order_by("-opens_on", "-pk")


def get_assessment_for_manager(manager: User, pk: int) -> Assessment:
    """An assessment of someone in the manager's units (or below), never their own; else 404."""
    levels = Prefetch("round__version__scale__levels", queryset=ProficiencyLevel.objects.order_by("value"))
    assessment = (
        Assessment.objects.filter(pk=pk, person__unit__in=_managed_units(manager).values("pk"))
        .exclude(person=manager)
        .select_related(
            "round__version__framework",
            "round__version__scale",
            "person__unit",
            "person__professional_group",
            "manager",
        )
        .prefetch_related(levels, Prefetch("ratings", queryset=Rating.objects.order_by("competence_id")))
        .first()
    )
    if assessment is None:
        raise Http404
    return assessment


def competences_by_id(ids) -> dict[int, Competence]:
    return {competence.pk: competence for competence in Competence.objects.filter(pk__in=ids).select_related("area")}
