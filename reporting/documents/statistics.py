"""The participant statistics as tables: the long table (every measure), the cross-tabulation of one measure
and the totals, for the page and for download (CSV, XLSX through ``competencies.exports``).

A hidden figure (fewer than ``MIN_PEOPLE`` people, or one that would give such a figure away) is an
empty cell in a download and a dash on the page; the first header of a table with hidden figures says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from competencies.exports import Table

from ..selectors.dimensions import Dimension
from ..selectors.statistics import Cell, Statistics
from ..selectors.suppression import MIN_PEOPLE
from .measures import BY_KEY, Measure, measures_for

Number = int | Decimal | float | None


def public_code(dimension: Dimension, code: object) -> int | str | None:
    """A dimension value's code as the API and downloads give it: ids for objects, choice values for choices,
    "2026-03" for a month, "2026-Q1" for a quarter, 2026 for a year, None when not recorded."""
    if code is None or code == "":
        return None
    if dimension.name == "month":
        return f"{code // 100:04d}-{code % 100:02d}"
    if dimension.name == "quarter":
        return f"{code // 10:04d}-Q{code % 10}"
    return code


@dataclass
class Figure:
    value: Number
    measure: Measure
    suppressed: bool = False

    @property
    def text(self) -> str:
        return self.measure.text(self.value)


@dataclass
class Line:
    names: tuple[str, ...]
    codes: tuple[int | str | None, ...]
    figures: list[Figure]
    suppressed: bool = False


def _figures(cell: Cell, measures: Iterable[Measure]) -> list[Figure]:
    return [Figure(measure.value(cell), measure, cell.suppressed) for measure in measures]


def _line(cell: Cell, dimensions: list[Dimension], measures: list[Measure]) -> Line:
    codes = tuple(public_code(dimension, code) for dimension, code in zip(dimensions, cell.codes, strict=True))
    return Line(cell.names, codes, _figures(cell, measures), cell.suppressed)


@dataclass
class LongTable:
    """One line per value (or pair of values) of the dimensions, with every measure that applies."""

    dimensions: list[Dimension]
    measures: list[Measure]
    lines: list[Line]
    totals: Line
    period: str = ""

    @property
    def has_hidden(self) -> bool:
        return self.totals.suppressed or any(line.suppressed for line in self.lines)


def long_table(statistics: Statistics) -> LongTable:
    """Without dimensions, only the totals."""
    measures = measures_for(feedback=statistics.feedback)
    dimensions = statistics.dimensions
    lines = [_line(cell, dimensions, measures) for cell in statistics.rows] if dimensions else []
    totals = Line((), (), _figures(statistics.totals, measures), statistics.totals.suppressed)
    return LongTable(dimensions, measures, lines, totals, period=_period(statistics))


def _period(statistics: Statistics) -> str:
    return "–".join(formats.date_format(day, "SHORT_DATE_FORMAT") for day in (statistics.date_from, statistics.date_to))


@dataclass
class CrossLine:
    name: str
    figures: list[Figure]
    total: Figure


@dataclass
class CrossTab:
    """One measure by the first dimension (rows) and the second (columns), with the totals of each."""

    rows: Dimension
    columns: Dimension
    measure: Measure
    column_names: list[str]
    lines: list[CrossLine]
    column_totals: list[Figure]
    total: Figure
    has_hidden: bool = False


def cross_tab(statistics: Statistics, measure_key: str) -> CrossTab:
    """The cross-tabulation of a two-dimensional result; a pair of values nobody took part in is zero."""
    measure = BY_KEY[measure_key]
    row_margin, column_margin = statistics.margins
    cells = {cell.codes: cell for cell in statistics.rows}
    empty = Cell(())

    def figure(cell: Cell | None) -> Figure:
        cell = cell or empty
        return Figure(measure.value(cell), measure, cell.suppressed)

    lines = [
        CrossLine(
            row.names[0],
            [figure(cells.get((row.codes[0], column.codes[0]))) for column in column_margin],
            figure(row),
        )
        for row in row_margin
    ]
    hidden = any(cell.suppressed for cell in (*statistics.rows, *row_margin, *column_margin, statistics.totals))
    return CrossTab(
        rows=statistics.dimensions[0],
        columns=statistics.dimensions[1],
        measure=measure,
        column_names=[column.names[0] for column in column_margin],
        lines=lines,
        column_totals=[figure(column) for column in column_margin],
        total=figure(statistics.totals),
        has_hidden=hidden,
    )


# Downloads
# ------------------------------------------------------------------------------

LONG, CROSS = "long", "cross"  # ?table= of a CSV download


def _first_header(label: str, hidden: bool) -> str:
    if not hidden:
        return label
    return _("%(label)s (an empty cell: fewer than %(count)d people)") % {"label": label, "count": MIN_PEOPLE}


def _exported(figure: Figure) -> Number:
    return None if figure.suppressed else figure.value


def long_export(table: LongTable) -> Table:
    headers: list[str] = []
    for dimension in table.dimensions:
        headers += [str(dimension.label), _("%(dimension)s (code)") % {"dimension": dimension.label}]
    if not table.dimensions:
        headers.append(_("Period"))
    headers += [str(measure.label) for measure in table.measures]
    headers[0] = _first_header(headers[0], table.has_hidden)
    rows: list[list[object]] = []
    for line in table.lines:
        labels = [value for pair in zip(line.names, line.codes, strict=True) for value in pair]
        rows.append([*labels, *(_exported(figure) for figure in line.figures)])
    total_labels = [_("Total"), *([""] * (2 * len(table.dimensions) - 1))] if table.dimensions else [table.period]
    rows.append([*total_labels, *(_exported(figure) for figure in table.totals.figures)])
    return Table(title=_("Participant statistics"), headers=headers, rows=rows)


def cross_export(table: CrossTab) -> Table:
    corner = f"{table.rows.label} \\ {table.columns.label}"
    headers = [_first_header(corner, table.has_hidden), *table.column_names, _("Total")]
    rows: list[list[object]] = [
        [line.name, *(_exported(figure) for figure in line.figures), _exported(line.total)] for line in table.lines
    ]
    rows.append([_("Total"), *(_exported(figure) for figure in table.column_totals), _exported(table.total)])
    return Table(title=str(table.measure.label), headers=headers, rows=rows)


def statistics_tables(statistics: Statistics, measure_key: str) -> dict[str, Table]:
    """Every table of a result by its ``?table=`` name, the cross-tabulation first where there is one."""
    tables = {}
    if len(statistics.dimensions) == 2:
        tables[CROSS] = cross_export(cross_tab(statistics, measure_key))
    tables[LONG] = long_export(long_table(statistics))
    return tables
