"""``/stats/participation``: the participant statistics page's figures for BI tools, with its scoping and suppression.

Managers get the people of their units and of the units below, coordinators and administrators the
whole network; anyone else gets 403. Figures about fewer than five people (and those that would give
them away) are null, with ``"suppressed": true``, exactly where the page shows a dash.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from pydantic import create_model

from core.api import ApiDate, Count, Id, errors
from people.access import Access, access_for
from people.api_tokens import api_language

from ..documents.measures import MEASURES
from ..documents.statistics import public_code
from ..forms.statistics import date_error, presets
from ..models import Project
from ..selectors.dimensions import DIMENSIONS
from ..selectors.statistics import Cell, Scope, Statistics, participation_statistics
from ..selectors.suppression import MIN_PEOPLE
from ..views.statistics import READERS

router = Router()

_NAMES = "|".join(DIMENSIONS)
BY_PATTERN = rf"^(({_NAMES})(,({_NAMES}))?)?$"


def reader_scope(access: Access) -> Scope:
    """Whose figures the caller may read; 403 for anyone but managers, coordinators and administrators."""
    if not any(access.has(role) for role in READERS):
        raise PermissionDenied
    return Scope.for_access(access)


# Schemas
# ------------------------------------------------------------------------------


class StatisticsFilters(Schema):
    date_from: ApiDate | None = Field(
        None,
        alias="from",
        description="First day (YYYY-MM-DD, years 1900-2100); default: 1 January of `to`'s year, or of this year.",
    )
    date_to: ApiDate | None = Field(
        None,
        alias="to",
        description="Last day, on or after `from`; default: 31 December of `from`'s year, or of this year.",
    )
    by: str = Field(
        "",
        pattern=BY_PATTERN,
        max_length=64,
        description="Up to two different dimensions, comma-separated: " + ", ".join(f"`{name}`" for name in DIMENSIONS)
        + ". Without: the totals only.",
    )  # fmt: skip
    project: Id | None = Field(None, description="A project id (see `/projects`): only its sessions and activities.")


class StatisticsValueOut(Schema):
    code: Count | str | None = Field(
        description="Ids for objects (course, group, organisation, municipality, area, project), choice values for "
        'choices, "2026-03" for a month, "2026-Q1" for a quarter, 2026 for a year; null when not recorded.'
    )
    name: str = Field(description='In your language; "Not recorded" (translated) for null.')


class StatisticsFiguresOut(Schema):
    events: Count | None = Field(description="Sessions someone took part in, and activities.")
    participations: Count | None
    unique_participants: Count | None = Field(description="People, each once (those known by name).")
    completed: Count | None
    no_shows: Count | None = Field(description="Confirmed participants who did not attend.")
    cancellations: Count | None
    participant_hours: float | None = Field(ge=0, description="Hours attended, one decimal.")
    waiting: Count | None = Field(description="People still on a waiting list when their session started.")
    certificates: Count | None
    feedback_mean: float | None = Field(
        ge=1, le=5, description="Mean overall rating 1-5; null where no session had enough answers, or by a person "
        "dimension (feedback is anonymous)."
    )  # fmt: skip
    recommend_share: float | None = Field(ge=0, le=1, description="Share who would recommend, 0-1.")
    response_rate: float | None = Field(ge=0, le=1, description="Share of participants who answered, 0-1.")
    suppressed: bool = Field(
        description=f"Fewer than {MIN_PEOPLE} people, or a figure that would give such a group away: every figure "
        "is null."
    )


# A row carries the dimensions asked for in ``by`` (each {code, name}) and no others, then the figures.
DimensionsOut = create_model(
    "StatisticsDimensionsOut",
    __base__=Schema,
    **{
        name: (StatisticsValueOut, Field(None, description=f"Present when `by` includes `{name}`."))
        for name in DIMENSIONS
    },
)


class StatisticsRowOut(StatisticsFiguresOut, DimensionsOut):
    pass


class StatisticsOut(Schema):
    rows: list[StatisticsRowOut] = Field(
        description="One per value (or pair of values) of `by`; times and levels in order."
    )
    totals: StatisticsFiguresOut = Field(
        description="Over every row (unique participants are counted again, not added)."
    )


# Answers
# ------------------------------------------------------------------------------


def _invalid(field: str, message: str) -> ValidationError:
    return ValidationError([{"loc": ["query", field], "msg": message, "type": "value_error"}])


def _period(filters: StatisticsFilters) -> tuple[datetime.date, datetime.date]:
    date_from, date_to = filters.date_from, filters.date_to
    if date_from is None and date_to is None:
        default = presets(timezone.localdate())[0]
        date_from, date_to = default.date_from, default.date_to
    # One end given: the other is in the same year, so a period never starts after it ends by default.
    date_from = date_from or datetime.date(date_to.year, 1, 1)
    date_to = date_to or datetime.date(date_from.year, 12, 31)
    for field, day in (("from", date_from), ("to", date_to)):
        if error := date_error(day):
            raise _invalid(field, error)
    if date_from > date_to:
        raise _invalid("to", str(translation.gettext("The end date must be on or after the start date.")))
    return date_from, date_to


def _figures(cell: Cell, feedback: bool) -> dict:
    figures = {}
    for measure in MEASURES:
        value = getattr(cell, measure.key) if feedback or not measure.feedback else None
        figures[measure.key] = float(value) if measure.key == "participant_hours" and value is not None else value
    if figures["feedback_mean"] is not None:
        figures["feedback_mean"] = round(figures["feedback_mean"], 2)
    for key in ("recommend_share", "response_rate"):
        if figures[key] is not None:
            figures[key] = round(figures[key], 4)
    return figures | {"suppressed": cell.suppressed}


def _answer(result: Statistics) -> dict:
    rows = []
    for cell in result.rows if result.dimensions else []:
        values = {
            dimension.name: {"code": public_code(dimension, code), "name": name}
            for dimension, code, name in zip(result.dimensions, cell.codes, cell.names, strict=True)
        }
        rows.append(values | _figures(cell, result.feedback))
    return {"rows": rows, "totals": _figures(result.totals, result.feedback)}


@router.get(
    "/stats/participation",
    response={200: StatisticsOut, **errors(403, 404, 422)},
    exclude_unset=True,
    summary="Participant statistics",
    tags=["stats"],
)
def participation(request: HttpRequest, filters: Query[StatisticsFilters]) -> dict:
    """Events, participations, unique participants, outcomes, waiting demand, hours, certificates and feedback
    for a period, by up to two dimensions, as on the statistics page (definitions there).

    Managers get the people of their units and of the units below; coordinators and administrators the
    whole network. Cells about fewer than five people are suppressed in a manager's answer and whenever two
    dimensions are asked for, as on the page. A project that does not exist is a 404."""
    scope = reader_scope(access_for(request.auth))
    with translation.override(api_language(request)):
        date_from, date_to = _period(filters)
        by = filters.by.split(",") if filters.by else []
        if len(set(by)) != len(by):
            raise _invalid("by", translation.gettext("Choose two different dimensions."))
        project = get_object_or_404(Project, pk=filters.project) if filters.project is not None else None
        result = participation_statistics(scope=scope, date_from=date_from, date_to=date_to, by=by, project=project)
        return _answer(result)
