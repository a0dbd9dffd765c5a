"""Every level of a cross-tabulation of the participation facts in one query.

The cells of two dimensions, each dimension's margins over the other and the grand total are
grouping sets of the same rows: PostgreSQL computes them in one scan (``GROUP BY GROUPING SETS``);
SQLite, which has no grouping sets, in a ``UNION ALL`` of one query per level. The rows are those
of a Django queryset (the period, scope and project filters and the dimensions' expressions stay
in the ORM); only the aggregation around them is written here.

A level is named as PostgreSQL's ``GROUPING(d0, d1)`` names it: a bit set for each dimension left
out, the last dimension the lowest bit (0: both, 1: the first alone, 2: the second alone, 3: none).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import combinations

from django.db import connections, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from ..models import Participation

Source = Participation.Source
WORK_MEM = "256MB"

# name → (SQL over the inner row's columns). Counts of flags are sums, so no FILTER clause is needed.
MEASURES = {
    "sessions": "COUNT(DISTINCT CASE WHEN took THEN session_id END)",
    "activities": "COUNT(DISTINCT CASE WHEN took THEN activity_id END)",
    "participations": "SUM(CASE WHEN took THEN 1 ELSE 0 END)",
    "unique_participants": "COUNT(DISTINCT CASE WHEN took THEN person_key END)",
    "completed": "SUM(CASE WHEN completed THEN 1 ELSE 0 END)",
    "no_shows": "SUM(CASE WHEN no_show THEN 1 ELSE 0 END)",
    "cancellations": "SUM(CASE WHEN cancelled THEN 1 ELSE 0 END)",
    "waiting": "SUM(CASE WHEN waiting THEN 1 ELSE 0 END)",
    "minutes": "SUM(CASE WHEN took THEN minutes ELSE 0 END)",
    "certificates": "SUM(CASE WHEN certificate THEN 1 ELSE 0 END)",
}


def took_part(now: datetime.datetime) -> Q:
    """A seat taken in a session that has started and was not a no-show, a listing, or a survey's answer."""
    seated = Q(source=Source.ENROLMENT, status="confirmed", starts_at__lte=now) & ~Q(outcome="no_show")
    return seated | Q(source__in=[Source.LISTING, Source.ASSESSMENT])


def _flag(condition: Q) -> ExpressionWrapper:
    return ExpressionWrapper(condition, output_field=BooleanField())


def _rows(facts: QuerySet[Participation], keys: dict, now: datetime.datetime) -> QuerySet:
    return facts.annotate(
        **keys,
        took=_flag(took_part(now)),
        completed=_flag(Q(outcome="completed")),
        no_show=_flag(Q(outcome="no_show")),
        cancelled=_flag(Q(source=Source.ENROLMENT, status="cancelled")),
        waiting=_flag(Q(source=Source.ENROLMENT, status="waiting", starts_at__lte=now)),
    ).values(*keys, "took", "completed", "no_show", "cancelled", "waiting", "session_id", "activity_id",
             "person_key", "minutes", "certificate")  # fmt: skip


def _plain(value):
    """Whole numbers as int: PostgreSQL's EXTRACT and SUM answer numeric, which the ORM would have converted."""
    return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else value


def _levels(count: int) -> list[tuple[int, tuple[int, ...]]]:
    """(level, indexes of the dimensions grouped by) for every grouping set, the finest first."""
    sets = [subset for size in range(count, -1, -1) for subset in combinations(range(count), size)]
    return [(sum(1 << (count - 1 - index) for index in range(count) if index not in subset), subset) for subset in sets]


def fact_cube(facts: QuerySet[Participation], keys: dict, now: datetime.datetime) -> dict[int, list[dict]]:
    """The measures of ``facts`` at every level of the dimensions ``keys`` (alias → expression): rows of
    ``{"d0": code, …, measure: value}`` by level."""
    names = list(keys)
    inner, params = _rows(facts, keys, now).query.sql_with_params()
    connection = connections[facts.db]
    measures = ", ".join(f"{sql} AS {name}" for name, sql in MEASURES.items())
    if connection.vendor == "postgresql" and names:
        grouping = f"GROUPING({', '.join(names)})"
        sets = ", ".join(f"({', '.join(names[index] for index in subset)})" for _level, subset in _levels(len(names)))
        sql = (
            f"SELECT {grouping} AS level, {', '.join(names)}, {measures} "  # noqa: S608 - fixed names and measures
            f"FROM ({inner}) AS facts GROUP BY GROUPING SETS ({sets})"
        )
        all_params = params
    else:
        parts = []
        for level, subset in _levels(len(names)):
            columns = ", ".join(name if index in subset else "NULL" for index, name in enumerate(names))
            group = f" GROUP BY {', '.join(names[index] for index in subset)}" if subset else ""
            parts.append(
                f"SELECT {level} AS level{', ' + columns if names else ''}, {measures} "  # noqa: S608
                f"FROM ({inner}) AS facts{group}"
            )
        sql = " UNION ALL ".join(parts)
        all_params = tuple(params) * len(parts)
    with transaction.atomic(using=facts.db), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One sort of up to a million rows: in memory rather than on disk, and no JIT compilation,
            # which costs more than it saves on a query that runs once.
            cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'; SET LOCAL jit = off")
        cursor.execute(sql, all_params)
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, map(_plain, row), strict=True)) for row in cursor.fetchall()]
    levels: dict[int, list[dict]] = {level: [] for level, _subset in _levels(len(names))}
    for row in rows:
        levels[row.pop("level")].append(row)
    return levels
