"""Participant statistics: events, participations, unique people and what followed, cut by up to two
dimensions over a period, for the whole network or a manager's units.

Definitions (shown on the page as well):

* A **participation** is a seat taken in a session that has started and was not a no-show, a person
  listed on an activity, a respondent of a survey, or one of an activity's counted participants.
* **Unique participants** count the people behind the participations (each once per cell), as far
  as they are known by name: an activity's counted participants are not.
* An **event** is a session someone took part in, or an activity (``event_count`` of them for
  earlier work recorded as totals).
* **Completed**, **did not attend** and **certificates** follow the sessions' outcomes;
  **cancellations** count cancelled enrolments of sessions in the period; **waiting at the start**
  counts people still on a waiting list when their session started (demand left unserved).
* **Feedback** (mean of the overall rating, share who would recommend, response rate) counts only
  sessions with at least ``FEEDBACK_MIN_ANSWERS`` released answers, and only for event dimensions:
  answers are anonymous and carry no person's group or organisation.

Everything is counted from the participation facts (``reporting.models.Participation``) and the
activity table, in a fixed number of queries whatever the size of the data.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from people.access import Access
from people.models import OrgUnit
from training.models import FeedbackAnswer, FeedbackResponse
from training.selectors.feedback import min_answers

from ..models import Activity, Participation, Project
from ..services.participations import start_of_day
from .cube import MEASURES as MEASURES_SQL
from .cube import fact_cube, took_part
from .dimensions import DIMENSIONS, Dimension
from .suppression import suppress_cells

Source = Participation.Source
MAX_DIMENSIONS = 2


@dataclass(frozen=True)
class Scope:
    """Whose participations: the whole network, or the people of some units (and the units below)."""

    unit_paths: tuple[str, ...] | None = None  # None: the whole network

    @classmethod
    def for_access(cls, access: Access) -> Scope:
        return cls(None if access.sees_whole_network else access.managed_unit_paths)

    @property
    def is_network(self) -> bool:
        return self.unit_paths is None


@dataclass
class Cell:
    codes: tuple
    names: tuple[str, ...] = ()
    events: int | None = 0
    participations: int | None = 0
    unique_participants: int | None = 0
    completed: int | None = 0
    no_shows: int | None = 0
    cancellations: int | None = 0
    waiting: int | None = 0
    minutes: int | None = 0
    certificates: int | None = 0
    feedback_mean: float | None = None
    recommend_share: float | None = None
    response_rate: float | None = None
    suppressed: bool = False

    @property
    def participant_hours(self) -> Decimal | None:
        return None if self.minutes is None else (Decimal(self.minutes) / 60).quantize(Decimal("0.1"))

    def hide(self) -> None:
        """Clear every figure (a suppressed cell shows none)."""
        for name in (*COUNTS, "feedback_mean", "recommend_share", "response_rate"):
            setattr(self, name, None)

    def add(self, other: Cell) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = (
    "events", "participations", "unique_participants", "completed", "no_shows", "cancellations", "waiting", "minutes",
    "certificates",
)  # fmt: skip
MEASURES = (*COUNTS[:-2], "participant_hours", "certificates", "feedback_mean", "recommend_share", "response_rate")


@dataclass
class Statistics:
    dimensions: list[Dimension]
    date_from: datetime.date
    date_to: datetime.date
    rows: list[Cell]
    totals: Cell
    # With two dimensions: the totals of each value of the first and of the second, over the other.
    margins: list[list[Cell]] = field(default_factory=list)
    suppressed: bool = False  # whether small cells are hidden in this view
    feedback: bool = True  # whether feedback figures apply (no person dimension)


def _period(date_from: datetime.date, date_to: datetime.date, field: str = "starts_at") -> Q:
    """From the start of ``date_from`` to the end of ``date_to``, Helsinki time."""
    end = date_to + datetime.timedelta(days=1)
    return Q(**{f"{field}__gte": start_of_day(date_from), f"{field}__lt": start_of_day(end)})


def _facts(scope: Scope, date_from, date_to, project: Project | None) -> QuerySet[Participation]:
    facts = Participation.objects.filter(_period(date_from, date_to))
    if project is not None:
        facts = facts.filter(project=project)
    if not scope.is_network:
        facts = facts.filter(unit__in=OrgUnit.objects.below_paths(scope.unit_paths))
    return facts


def _cells(rows: list[dict], indexes: tuple[int, ...], event_level: bool) -> dict[tuple, Cell]:
    """Cells from the rows of one level of the cube (``indexes``: the dimensions it is grouped by)."""
    cells = {}
    for row in rows:
        if not any(row[name] for name in MEASURES_OF_FACTS):
            continue  # an empty period
        codes = tuple(row[f"d{index}"] for index in indexes)
        cells[codes] = Cell(
            codes,
            events=(row["sessions"] or 0) + (0 if event_level else row["activities"] or 0),
            **{name: row[name] or 0 for name in COUNTS if name != "events"},
        )
    return cells


MEASURES_OF_FACTS = tuple(MEASURES_SQL)


def _activity_cells(scope: Scope, dimensions: list[Dimension], date_from, date_to, project, event_level: bool) -> dict:
    """What activities add beyond their facts: every activity's events where only event dimensions are asked
    for, and the participants counted as totals (no person known: "not recorded" in a person dimension)."""
    if not scope.is_network:
        return {}
    # No ordering: grouped by nothing but a constant (a person dimension), the model's ordering would stay in
    # the query, and PostgreSQL refuses to order groups by a column they are not grouped by.
    activities = Activity.objects.filter(starts_on__gte=date_from, starts_on__lte=date_to).order_by()
    if project is not None:
        activities = activities.filter(project=project)
    if not event_level:
        # Events of activities with people on record are counted from their facts.
        activities = activities.filter(participant_count__isnull=False)
    keys = {
        f"d{index}": dimension.activity() if dimension.activity else _null()
        for index, dimension in enumerate(dimensions)
    }
    aggregates = {"events": Sum("event_count"), "participations": Sum("participant_count"), "hours": Sum("hours_total")}
    activities = activities.annotate(hours_total=_hours_total())
    rows = activities.values(**keys).annotate(**aggregates) if keys else [activities.aggregate(**aggregates)]
    cells = {}
    for row in rows:
        if not any(row[name] for name in aggregates):
            continue  # no activities: an aggregate over nothing still gives one row
        codes = tuple(row[f"d{index}"] for index in range(len(dimensions)))
        cells[codes] = Cell(
            codes,
            events=row["events"] or 0,
            participations=row["participations"] or 0,
            minutes=int((row["hours"] or 0) * 60),
        )
    return cells


def _null():
    from django.db.models import IntegerField, Value

    return Value(None, output_field=IntegerField())


def _hours_total():
    from django.db.models import DecimalField, ExpressionWrapper, F

    return ExpressionWrapper(
        F("hours") * F("participant_count"), output_field=DecimalField(max_digits=14, decimal_places=1)
    )


def _feedback(facts: QuerySet[Participation], dimensions: list[Dimension], period: Q, now) -> dict:
    """Feedback per cell from the sessions with enough released answers (event dimensions only).

    The sessions with enough answers are found first (few, by the sessions' own index), and only
    their facts are read."""
    keys = {f"d{index}": dimension.fact() for index, dimension in enumerate(dimensions)}
    took = took_part(now)
    responses = (
        FeedbackResponse.objects.filter(period)
        .order_by()
        .values("session_id")
        .annotate(count=Count("pk"))
        .filter(count__gte=min_answers())
        .values_list("session_id", flat=True)
    )
    enough = set(responses)
    if not enough:
        return {}
    per_session = (
        facts.filter(source=Source.ENROLMENT, session_id__in=enough)
        .values("session_id", **keys)
        .annotate(attended=Count("pk", filter=took), answered=Count("pk", filter=took & Q(feedback_given=True)))
    )
    sessions = {row["session_id"]: row for row in per_session if row["attended"]}
    enough &= set(sessions)
    answers = (
        FeedbackAnswer.objects.filter(response__session_id__in=enough, question__key__in=["overall", "recommend"])
        .exclude(value=None)
        .values("response__session_id", "question__key")
        .annotate(count=Count("pk"), total=Sum("value"))
    )
    sums: dict[tuple, list[int]] = {}
    for row in answers:
        codes = tuple(sessions[row["response__session_id"]][f"d{index}"] for index in range(len(dimensions)))
        figures = sums.setdefault(codes, [0, 0, 0, 0, 0, 0])  # overall n, sum; recommend n, yes; attended, answered
        offset = 0 if row["question__key"] == "overall" else 2
        figures[offset] += row["count"]
        figures[offset + 1] += row["total"]
    for pk in enough:
        row = sessions[pk]
        codes = tuple(row[f"d{index}"] for index in range(len(dimensions)))
        figures = sums.setdefault(codes, [0, 0, 0, 0, 0, 0])
        figures[4] += row["attended"]
        figures[5] += row["answered"]
    return sums


def _apply_feedback(cell: Cell, figures: list[int] | None) -> None:
    if not figures:
        return
    overall_n, overall_sum, recommend_n, recommend_yes, attended, answered = figures
    cell.feedback_mean = round(overall_sum / overall_n, 2) if overall_n else None
    cell.recommend_share = recommend_yes / recommend_n if recommend_n else None
    cell.response_rate = answered / attended if attended else None


def _merge(target: dict, extra: dict) -> None:
    for codes, cell in extra.items():
        if codes in target:
            target[codes].add(cell)
        else:
            target[codes] = cell


def participation_statistics(
    *,
    scope: Scope,
    date_from: datetime.date,
    date_to: datetime.date,
    by: Sequence[str] = (),
    project: Project | None = None,
    suppress: bool | None = None,
    now: datetime.datetime | None = None,
) -> Statistics:
    """The figures of ``scope`` for the period, cut by the dimensions named in ``by`` (at most two).

    ``suppress`` defaults to the rule: cells about fewer than five people are hidden in a manager's
    view and in every cross-tabulation; a coordinator's one-way table shows them.
    """
    if len(by) > MAX_DIMENSIONS:
        raise ValueError("at most two dimensions")
    dimensions = [DIMENSIONS[name] for name in by]
    now = now or timezone.now()
    event_level = scope.is_network and not any(dimension.person for dimension in dimensions)
    if suppress is None:
        suppress = not scope.is_network or len(dimensions) == MAX_DIMENSIONS
    facts = _facts(scope, date_from, date_to, project)
    count = len(dimensions)
    cube = fact_cube(facts, {f"d{index}": dimension.fact() for index, dimension in enumerate(dimensions)}, now)

    cells = _cells(cube[0], tuple(range(count)), event_level)
    _merge(cells, _activity_cells(scope, dimensions, date_from, date_to, project, event_level))
    totals = Cell(())
    for cell in _cells(cube[(1 << count) - 1], (), event_level).values():
        totals.add(cell)
    for cell in _activity_cells(scope, [], date_from, date_to, project, event_level).values():
        totals.add(cell)
    margins = []
    if count == MAX_DIMENSIONS:
        for index, level in ((0, 1), (1, 2)):
            margin = _cells(cube[level], (index,), event_level)
            _merge(margin, _activity_cells(scope, [dimensions[index]], date_from, date_to, project, event_level))
            margins.append(list(margin.values()))
    feedback = not any(dimension.person for dimension in dimensions)
    if feedback:
        figures = _feedback(facts, dimensions, _period(date_from, date_to, field="session__starts_at"), now)
        for codes, cell in cells.items():
            _apply_feedback(cell, figures.get(codes))
        total_figures = [sum(column) for column in zip(*figures.values(), strict=True)] if figures else None
        _apply_feedback(totals, total_figures)

    _name(cells.values(), margins, dimensions)
    rows = sorted(cells.values(), key=lambda cell: _order(cell, dimensions))
    margins = [
        sorted(margin, key=lambda cell, index=index: _order(cell, [dimensions[index]]))
        for index, margin in enumerate(margins)
    ]
    if suppress:
        suppress_cells(rows, margins, totals)
    return Statistics(dimensions, date_from, date_to, rows, totals, margins, suppress, feedback)


def _name(cells, margins: list[list[Cell]], dimensions: list[Dimension]) -> None:
    cells = list(cells)
    for index, dimension in enumerate(dimensions):
        codes = {cell.codes[index] for cell in cells}
        names = dimension.names(codes)
        for cell in cells:
            cell.names = (*cell.names, dimension.name_of(cell.codes[index], names))
        if margins:
            for cell in margins[index]:
                cell.names = (dimension.name_of(cell.codes[0], names),)


def _order(cell: Cell, dimensions: list[Dimension]) -> tuple:
    """Unknown values last; levels in their own order, times by their code, the rest by name."""
    return tuple(
        (
            code is None or code == "",
            dimension.order.index(code) if code in dimension.order else len(dimension.order),
            code if dimension.by_code else str(name).lower(),
        )
        for code, name, dimension in zip(cell.codes, cell.names, dimensions, strict=True)
    )
