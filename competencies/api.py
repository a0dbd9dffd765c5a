"""The competence API (mounted at /api/v1/ by config/api.py): my competences and the aggregated gaps.

``/competences/gaps`` answers with the same figures, filters (unit, group, round, compare) and
permissions as the heatmap pages: managers get the units they manage and those below, coordinators
and administrators the whole network with groups of fewer than ``MIN_GROUP_SIZE`` people suppressed; anyone else
gets 403. A unit outside the caller's reach is a 404; a malformed filter is a 422.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema
from pydantic import model_validator

from core.api import Count, Id, Level, errors
from people.access import access_for
from people.api_tokens import api_language
from people.models import OrgUnit, ProfessionalGroup, User

from .models import SurveyRound
from .selectors.gap_privacy import suppress_small_rest
from .selectors.gaps import MIN_GROUP_SIZE, Cell, heatmap, person_competences

router = Router(tags=["competences"])


class MyCompetenceOut(Schema):
    code: str
    name: str
    area: str = Field(description="The competence area's code.")
    area_name: str
    required: Level = Field(description="The level the person's work requires.")
    current: Level | None = Field(
        description="The manager's level where given, else the person's own; null when not assessed."
    )
    gap: Level | None = Field(description="Levels short of the requirement (0 when met); null when not assessed.")


class MyCompetencesOut(Schema):
    round: str | None = Field(description="The survey round of the latest submitted assessment.")
    competences: list[MyCompetenceOut] = Field(description="Gaps first, largest first.")


class GapFilters(Schema):
    unit: Id | None = Field(None, description="A unit id: that unit and the units below it.")
    group: Id | None = Field(None, description="A professional group id.")
    round: Id | None = Field(None, description="A survey round id; default: each person's latest assessment.")
    compare: Id | None = Field(
        None,
        description="A survey round id to compare with: each cell gets that round's figures and the change. "
        "Must differ from round.",
    )

    @model_validator(mode="after")
    def _compare_differs(self) -> GapFilters:
        if self.compare is not None and self.compare == self.round:
            raise ValueError(str(_("Choose a different round to compare with.")))
        return self


class GapCellOut(Schema):
    group: Id
    group_name: str
    competence: str = Field(description="The competence code.")
    competence_name: str
    area: str
    required: str = Field(description='The required level, or a range such as "3-4" when it depends on service level.')
    suppressed: bool = Field(
        description=f"Fewer than {MIN_GROUP_SIZE} people, or (with a unit filter in network scope) fewer than "
        f"{MIN_GROUP_SIZE} in the rest of the network: the figures are null."
    )
    people: Count | None
    mean_level: float | None
    below_required: Count | None
    share_below: float | None = Field(description="0-1.")
    compare_suppressed: bool | None = Field(
        None, description="With compare: the comparison round's group is too small; its figures are null."
    )
    compare_people: Count | None = Field(None, description="With compare: people assessed in the comparison round.")
    compare_mean_level: float | None = None
    compare_below_required: Count | None = None
    compare_share_below: float | None = Field(None, description="0-1.")
    mean_change: float | None = Field(None, description="With compare: mean level now minus then.")
    share_below_change: float | None = Field(None, description="With compare: share below now minus then (0-1).")


class GapsOut(Schema):
    scope: str = Field(description='"units" (a manager\'s own units) or "network".')
    min_group_size: Count | None = Field(description="Cells of fewer people are suppressed (network scope only).")
    cells: list[GapCellOut]


@router.get("/me/competences", response={200: MyCompetencesOut, **errors()}, tags=["me"])
def my_competences(request: HttpRequest) -> dict:
    """What your work requires per competence against your current level, gaps first."""
    with translation.override(api_language(request)):
        assessment, rows = person_competences(request.auth)
        return {
            "round": assessment.round.name if assessment else None,
            "competences": [
                {
                    "code": row.code,
                    "name": row.competence.name,
                    "area": row.competence.area.code,
                    "area_name": row.competence.area.name,
                    "required": row.required,
                    "current": row.current,
                    "gap": row.gap,
                }
                for row in rows
            ],
        }


@router.get("/competences/gaps", response={200: GapsOut, **errors(403, 404, 422)})
def gaps(request: HttpRequest, filters: Query[GapFilters]) -> dict:
    """Professional group by competence: people assessed, mean level and share below the required level."""
    user: User = request.auth
    access = access_for(user)
    if access.sees_whole_network:
        units, suppress, scope = OrgUnit.objects.all(), True, "network"
    elif access.is_manager:
        units, suppress, scope = OrgUnit.objects.below_paths(access.managed_unit_paths), False, "units"
    else:
        raise PermissionDenied
    scope_units = units
    if filters.unit is not None:
        unit = get_object_or_404(units, pk=filters.unit)
        units = OrgUnit.objects.below_paths([unit.path])
    group = get_object_or_404(ProfessionalGroup, pk=filters.group) if filters.group is not None else None
    chosen = get_object_or_404(SurveyRound, pk=filters.round) if filters.round is not None else None
    compare = get_object_or_404(SurveyRound, pk=filters.compare) if filters.compare is not None else None
    people = User.objects.filter(is_active=True, unit__in=units.values("pk"))
    with translation.override(api_language(request)):
        result = heatmap(people=people, round=chosen, group=group, compare=compare, suppress=suppress)
        if suppress and filters.unit is not None:
            rest = User.objects.filter(is_active=True, unit__in=scope_units.values("pk"))
            rest = rest.exclude(unit__in=units.values("pk"))
            suppress_small_rest(result, rest=rest, round=chosen, group=group, compare=compare)
        cells = []
        for row in result.rows:
            for column, cell in zip(result.columns, row.cells, strict=True):
                if cell is None or not cell.people:
                    continue
                cells.append(
                    {
                        "group": row.group.pk,
                        "group_name": row.group.name,
                        "competence": column.code,
                        "competence_name": column.name,
                        "area": column.area_code,
                        "required": cell.required_label.replace("–", "-"),
                        "suppressed": cell.suppressed,
                        "people": None if cell.suppressed else cell.people,
                        "mean_level": None if cell.mean is None else round(float(cell.mean), 2),
                        "below_required": cell.below,
                        "share_below": _rounded(cell.share_below, 4),
                        **(_comparison(cell) if compare is not None else {}),
                    }
                )
    return {"scope": scope, "min_group_size": MIN_GROUP_SIZE if suppress else None, "cells": cells}


def _rounded(value, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _comparison(cell: Cell) -> dict:
    hidden = cell.compare_suppressed
    return {
        "compare_suppressed": hidden,
        "compare_people": None if hidden else cell.compare_people,
        "compare_mean_level": _rounded(cell.compare_mean, 2),
        "compare_below_required": cell.compare_below,
        "compare_share_below": _rounded(cell.compare_share_below, 4),
        "mean_change": _rounded(cell.mean_change, 2),
        "share_below_change": _rounded(cell.share_below_change, 4),
    }
