"""``GET /stats/project-in-numbers``: a project's events and participants over a period, a row per activity
kind and one for its headline course, split by service level (``reporting.selectors.project_numbers``).

Coordinators and administrators only: the figures are the whole network's, so a manager, like any other
user, gets 403 (a manager's units alone would not add up to the project's numbers). An unknown project is a
404, a malformed or reversed period a 422.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import translation
from ninja import Field, Query, Router, Schema
from pydantic import ConfigDict, model_validator

from core.api import ApiDate, Count, Id, errors
from people.api_tokens import api_language

from ..choices import ActivityKind
from ..selectors.project_numbers import (
    HEADLINE,
    Figures,
    Row,
    get_project_for_reporting,
    period_of,
    project_numbers,
)

router = Router(tags=["reporting"])

BOUNDS = "in the years 1900-2099"
KINDS = ", ".join(f"`{kind}`" for kind in (*ActivityKind.values, HEADLINE))


class ProjectNumbersQuery(Schema):
    model_config = ConfigDict(populate_by_name=True)

    project: Id = Field(description="The project's id.")
    date_from: ApiDate | None = Field(
        None,
        alias="from",
        description=f"First day (YYYY-MM-DD, {BOUNDS}); default: the project's first.",
    )
    date_to: ApiDate | None = Field(
        None,
        alias="to",
        description=f"Last day (YYYY-MM-DD, {BOUNDS}); default: the project's last.",
    )

    @model_validator(mode="after")
    def _in_order(self) -> ProjectNumbersQuery:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("from must be on or before to")
        return self


class FiguresOut(Schema):
    events: Count | None = Field(description="null: nothing recorded.")
    participants: Count | None = Field(description="Respondents for surveys; null: nothing recorded.")


class ByLevelOut(Schema):
    perustaso: FiguresOut = Field(description="Basic level.")
    erityistaso: FiguresOut = Field(description="Special and most demanding level.")


class RowOut(Schema):
    kind: str = Field(description=f"The activity kind, or `{HEADLINE}` for the project's headline course: {KINDS}.")
    name: str = Field(description="The kind's name, or the headline course's title, in the request's language.")
    events: Count | None = Field(description="Sessions someone took part in plus recorded events; null: not recorded.")
    participants: Count | None = Field(
        description="Participations plus counted participants (respondents for surveys); null: not recorded."
    )
    by_level: ByLevelOut = Field(description="The same by service level (events without a level are in neither).")


class ProjectNumbersOut(Schema):
    rows: list[RowOut] = Field(description="In the order of the kinds; only rows with something recorded.")


def _figures(figures: Figures) -> dict:
    return {"events": figures.events, "participants": figures.participants}


def _row(row: Row) -> dict:
    return {
        "kind": row.kind,
        "name": row.name,
        **_figures(row.figures),
        "by_level": {level: _figures(figures) for level, figures in row.levels()},
    }


@router.get(
    "/stats/project-in-numbers",
    response={200: ProjectNumbersOut, **errors(403, 404, 422)},
)
def project_in_numbers(request: HttpRequest, query: Query[ProjectNumbersQuery]) -> dict:
    """The project in numbers: events and participants per activity kind and for the headline course, by level.

    The same figures as the statistics for the project and period (coordinators and administrators).
    """
    project = get_project_for_reporting(request.auth, query.project)
    date_from, date_to = period_of(project, query.date_from, query.date_to)
    with translation.override(api_language(request)):
        numbers = project_numbers(project=project, date_from=date_from, date_to=date_to)
        return {"rows": [_row(row) for row in numbers.rows]}
