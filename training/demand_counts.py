"""Counting the people behind training demand in the database, in two queries whatever their number.

Joining every gap rating to every course developing its competence and counting distinct people
per course, area and group means sorting a row per rating and course (hundreds of thousands for a
network of 20,000 people). Instead:

1. The competences that live courses develop (matched by code within a framework) are numbered:
   one bit per (framework, code, area). A person's latest assessment is on one framework version,
   so each of those occurs at most once in it.
2. The database folds each person's gap ratings into one row: their professional group and the
   sum of the bits of the competences they fall short in, which is the set of those competences
   (in columns of ``MASK_BITS`` bits, as many as the competences need).
3. Each course, and each course within each area, is a mask too (the competences it develops).
   The database joins the person rows to those few masks, keeps the people whose mask meets the
   course's and who have not completed the course, and counts them per course, area and group.

The SQL around the ORM-built parts is plain (UNION ALL of literals, ``&`` on integers, NOT EXISTS)
and runs on PostgreSQL and SQLite alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BigIntegerField, Case, F, IntegerField, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from competencies.models import Competence, SurveyRound
from competencies.selectors.gaps import gap_ratings
from people.models import User

from .models import Enrolment

# A course tag matches every competence with the same code in the same framework (any version).
SAME_CODE = "version__framework__versions__competences"
# Bits per mask column: a sum of distinct powers of two below 2**62 fits a signed 64-bit integer.
MASK_BITS = 62


@dataclass
class DemandCounts:
    # Course translation key -> people with a gap in a competence the course develops who have not completed it.
    totals: dict = field(default_factory=dict)
    # (course translation key, area code, professional group id) -> the same people, by the area of the competence.
    cells: dict = field(default_factory=dict)


def demand_counts(*, people: QuerySet[User], round: SurveyRound | None = None) -> DemandCounts:
    """People with a gap that a live course develops, per course and per (course, area, group). Two queries."""
    tags = list(
        Competence.objects.annotate(
            tag_code=F(f"{SAME_CODE}__code"),
            course_key=F(f"{SAME_CODE}__courses__translation_key"),
            course_live=F(f"{SAME_CODE}__courses__live"),
        )
        .filter(tag_code=F("code"), course_live=True)
        .values("pk", "code", "course_key", framework=F("version__framework_id"), area_code=F("area__code"))
        .distinct()
        .order_by()
    )
    if not tags:
        return DemandCounts()
    bits: dict[tuple, int] = {}
    bit_of: dict[int, int] = {}  # competence pk -> its bit
    for tag in tags:
        bit_of[tag["pk"]] = bits.setdefault((tag["framework"], tag["code"], tag["area_code"]), len(bits))
    course_keys = sorted({tag["course_key"] for tag in tags})
    course_index = {key: index for index, key in enumerate(course_keys)}
    course_masks: dict[int, int] = defaultdict(int)
    area_masks: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for tag in tags:
        course, bit = course_index[tag["course_key"]], 1 << bit_of[tag["pk"]]
        course_masks[course] |= bit
        area_masks[course][tag["area_code"]] |= bit
    columns = range((len(bits) + MASK_BITS - 1) // MASK_BITS)

    gaps = _person_masks(people=people, round=round, bit_of=bit_of, columns=columns)
    completed = (
        Enrolment.objects.filter(outcome=Enrolment.Outcome.COMPLETED, session__course__translation_key__in=course_keys)
        .values(
            "person_id",
            course=Case(
                *(When(session__course__translation_key=key, then=Value(index)) for key, index in course_index.items()),
                output_field=IntegerField(),
            ),
        )
        .distinct()
        .order_by()
    )
    gaps_sql, gaps_params = gaps.query.sql_with_params()
    completed_sql, completed_params = completed.query.sql_with_params()
    masks = ", ".join(f'"mask{n}"' for n in columns)
    hits = ", ".join(f'"hit{n}"' for n in columns)
    target_row = "(CAST(%s AS INTEGER), " + ", ".join("CAST(%s AS BIGINT)" for _ in columns) + ")"
    target_params: list[int] = []
    for course, mask in course_masks.items():
        target_params += [course, *_split(mask, columns)]

    def meets(table: str) -> str:
        return " OR ".join(f'("{table}"."mask{n}" & "target"."mask{n}") > 0' for n in columns)

    def hit(table: str) -> str:
        return ", ".join(f'("{table}"."mask{n}" & "target"."mask{n}") AS "hit{n}"' for n in columns)

    # People alike (same group, same gaps) are counted together, per course and the gaps it
    # develops; those who completed a course are then taken off it one by one. Only ORM-compiled
    # SQL (with its placeholders) and column numbers are interpolated: every value is a parameter.
    sql = f"""
        WITH "gaps" AS ({gaps_sql}),
        "target" ("course", {masks}) AS (VALUES {", ".join([target_row] * len(course_masks))})
        SELECT "course", "group_id", {hits}, CAST(SUM("people") AS INTEGER) FROM (
            SELECT "target"."course", "alike"."group_id", {hit("alike")}, "alike"."people"
            FROM (
                SELECT "group_id", {masks}, COUNT(*) AS "people" FROM "gaps" GROUP BY "group_id", {masks}
            ) AS "alike"
            INNER JOIN "target" ON ({meets("alike")})
            UNION ALL
            SELECT "target"."course", "gaps"."group_id", {hit("gaps")}, -1
            FROM "gaps"
            INNER JOIN ({completed_sql}) AS "completed" ON "completed"."person_id" = "gaps"."person"
            INNER JOIN "target" ON "target"."course" = "completed"."course" AND ({meets("gaps")})
        ) AS "counted"
        GROUP BY "course", "group_id", {hits}
    """  # noqa: S608
    with connections[gaps.db].cursor() as cursor:
        cursor.execute(sql, [*gaps_params, *target_params, *completed_params])
        rows = cursor.fetchall()
    # Each row: the people of a group whose gaps among the course's competences are exactly ``found``.
    totals: dict = defaultdict(int)
    cells: dict = defaultdict(int)
    for course, group_id, *parts, people_count in rows:
        key = course_keys[course]
        found = sum(part << (n * MASK_BITS) for n, part in enumerate(parts))
        totals[key] += people_count
        for area_code, area_mask in area_masks[course].items():
            if found & area_mask:
                cells[(key, area_code, group_id)] += people_count
    return DemandCounts(
        totals={key: count for key, count in totals.items() if count},
        cells={key: count for key, count in cells.items() if count},
    )


def _split(mask: int, columns: range) -> list[int]:
    """A mask of any size as ``MASK_BITS``-bit parts, lowest first."""
    return [(mask >> (n * MASK_BITS)) & ((1 << MASK_BITS) - 1) for n in columns]


def _person_masks(
    *, people: QuerySet[User], round: SurveyRound | None, bit_of: dict[int, int], columns: range
) -> QuerySet:
    """One row per person with a gap in a numbered competence: ``person``, ``group_id``, ``mask0``..."""
    by_column: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for pk, bit in bit_of.items():
        by_column[bit // MASK_BITS][bit % MASK_BITS].append(pk)

    def mask(column: int) -> Cast:
        whens = [When(competence_id__in=pks, then=Value(1 << bit)) for bit, pks in sorted(by_column[column].items())]
        return Cast(Sum(Case(*whens, default=Value(0), output_field=BigIntegerField())), BigIntegerField())

    return (
        gap_ratings(people=people, round=round)
        .filter(competence_id__in=list(bit_of))
        .values(person=F("assessment__person"), group_id=F("assessment__person__professional_group"))
        .annotate(**{f"mask{n}": mask(n) for n in columns})
        .order_by()
    )
