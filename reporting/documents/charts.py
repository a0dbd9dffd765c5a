"""The chart of a one-dimensional statistics result: horizontal bars of one measure per value, or columns
over time when the dimension is the month, quarter or year (periods without anyone shown as zero)."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.charts import BarChart, bar_chart, nice_ticks

from ..selectors.statistics import Cell, Statistics
from ..selectors.suppression import MIN_PEOPLE
from .measures import BY_KEY, Kind, Measure

TIMES = ("month", "quarter", "year")
MAX_FILLED_PERIODS = 60  # beyond this, only the periods with figures are drawn
MAX_VALUE_LABELS = 16
CHAR_WIDTH = 7  # of the 12px chart text, roughly: labels are spaced so that they never overlap

WIDTH = 640
LEFT = 56
RIGHT = 28  # room for the last label, centred on its column
TOP = 18
PLOT_HEIGHT = 200
BOTTOM = 28


@dataclass
class Point:
    """One value of the dimension: its full name for the table beside the chart, its figure."""

    name: str
    value: float | None  # None: hidden, or no figure (feedback nobody gave)
    text: str
    hidden: bool = False


@dataclass
class Column:
    label: str  # empty where labels would crowd
    text: str  # the figure, empty where labels would crowd
    x: int
    y: int
    width: int
    height: int
    centre: int


@dataclass
class Tick:
    y: int
    label: str


@dataclass
class TrendChart:
    title: str
    columns: list[Column]
    ticks: list[Tick]
    width: int = WIDTH
    height: int = TOP + PLOT_HEIGHT + BOTTOM
    left: int = LEFT
    right: int = WIDTH - RIGHT
    baseline: int = TOP + PLOT_HEIGHT
    label_y: int = TOP + PLOT_HEIGHT + 18


@dataclass
class StatisticsChart:
    chart: BarChart | TrendChart
    points: list[Point]
    measure: Measure

    @property
    def is_trend(self) -> bool:
        return isinstance(self.chart, TrendChart)


def _hidden_text() -> str:
    return _("fewer than %(count)d") % {"count": MIN_PEOPLE}


def _point(name: str, cell: Cell, measure: Measure) -> Point:
    value = measure.value(cell)
    if cell.suppressed:
        return Point(name, None, _hidden_text(), hidden=True)
    return Point(name, None if value is None else float(value), measure.text(value))


def _periods(dimension: str, date_from: datetime.date, date_to: datetime.date) -> list[int] | None:
    """Every period code from ``date_from`` to ``date_to`` as the engine codes them, or None if too many."""
    if dimension == "year":
        codes = list(range(date_from.year, date_to.year + 1))
    else:
        months = range(date_from.year * 12 + date_from.month - 1, date_to.year * 12 + date_to.month)
        if dimension == "month":
            codes = [(month // 12) * 100 + month % 12 + 1 for month in months]
        else:
            codes = sorted({(month // 12) * 10 + (month % 12) // 3 + 1 for month in months})
    return codes if len(codes) <= MAX_FILLED_PERIODS else None


def _short(dimension: str, code: int, name: str) -> str:
    if dimension == "month":
        return f"{code % 100}/{code // 100}"
    return name


def statistics_chart(statistics: Statistics, measure_key: str) -> StatisticsChart | None:
    """The chart of a result with one dimension (else None, and None when no figure of it is shown)."""
    if len(statistics.dimensions) != 1 or not any(_shown(cell, measure_key) for cell in statistics.rows):
        return None
    measure = BY_KEY[measure_key]
    dimension = statistics.dimensions[0]
    title = _("%(measure)s by %(dimension)s") % {
        "measure": measure.label,
        "dimension": str(dimension.label).lower(),
    }
    cells = statistics.rows
    if dimension.name not in TIMES:
        points = [_point(cell.names[0], cell, measure) for cell in cells]
        return StatisticsChart(bar_chart(title, _bar_items(points), ticks=_ticks(points, measure)), points, measure)
    known = {cell.codes[0]: cell for cell in cells if cell.codes[0] is not None}
    codes = _periods(dimension.name, statistics.date_from, statistics.date_to) or sorted(known)
    names = dimension.names(codes)
    points, labels = [], []
    for code in codes:
        cell = known.get(code) or Cell((code,))
        name = dimension.name_of(code, names)
        points.append(_point(name, cell, measure))
        labels.append(_short(dimension.name, code, name))
    return StatisticsChart(_trend(title, points, labels, _ticks(points, measure)), points, measure)


def _shown(cell: Cell, measure_key: str) -> bool:
    return not cell.suppressed and getattr(cell, measure_key) is not None


def _bar_items(points: list[Point]) -> list[tuple[str, float | None, str]]:
    return [(point.name, point.value, point.text) for point in points]


def _ticks(points: list[Point], measure: Measure) -> list[tuple[float, str]]:
    largest = max((point.value for point in points if point.value is not None), default=0)
    if measure.kind is Kind.MEAN:
        return [(value, number_format(value)) for value in range(6)]
    if measure.kind is Kind.SHARE:
        return [(value, f"{value} %") for value in (0, 25, 50, 75, 100)]
    return nice_ticks(
        largest, whole=measure.kind is Kind.COUNT, label=lambda value: number_format(value, force_grouping=True)
    )


def _column_text(point: Point) -> str:
    """A hidden figure is a dash in a column (the table beside says why)."""
    return "–" if point.hidden else point.text


def _trend(title: str, points: list[Point], labels: list[str], ticks: list[tuple[float, str]]) -> TrendChart:
    maximum = ticks[-1][0] or 1
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    widest = max((len(label) for label in labels), default=1) * CHAR_WIDTH + CHAR_WIDTH
    every = max(1, math.ceil(widest / slot))
    show_values = len(points) <= MAX_VALUE_LABELS
    columns = []
    for index, (point, label) in enumerate(zip(points, labels, strict=True)):
        height = round(PLOT_HEIGHT * min((point.value or 0) / maximum, 1))
        columns.append(
            Column(
                label=label if index % every == 0 else "",
                text=_column_text(point) if show_values or point.hidden else "",
                x=round(LEFT + index * slot + slot * 0.15),
                y=TOP + PLOT_HEIGHT - height,
                width=max(round(slot * 0.7), 1),
                height=height,
                centre=round(LEFT + index * slot + slot / 2),
            )
        )
    ticks_out = [
        Tick(y=TOP + PLOT_HEIGHT - round(PLOT_HEIGHT * value / maximum), label=label) for value, label in ticks
    ]
    return TrendChart(title=title, columns=columns, ticks=ticks_out)
