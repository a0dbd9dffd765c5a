"""Counting the people behind training demand in the database, in two queries whatever their number.

Joining every gap rating to every course developing its competence and counting distinct people
per course, area and group means sorting a row per rating and course (hundreds of thousands for a
network of 20,000 people). Instead:

1. The competences that live courses develop (matched by code within a framework) are numbered:
   one bit per (framework, code, area). A person's latest assessment is on one framework version,
   so each of those occurs at most once in it.
2. The database folds each person's gap ratings into one row: their professional group and the
   sum of the bits of the competences they fall short in, which is the set of those competences
   (in columns of ``MASK_BITS`` bits, as many as the competences need). The courses each person
   has completed are folded the same way, one bit per course.
3. Each course, and each course within each area, is a mask of the competences it develops. One
   pass over the person rows counts, per group and for every such target, the people whose gaps
   meet its mask and who have not completed the course: a column per target.

The SQL around the ORM-built parts is plain (WITH, ``&`` on integers, CASE, UNION ALL) and runs on
PostgreSQL and SQLite alike.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connections
from django.db.models import BigIntegerField, Case, F, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from competencies.models import Competence, SurveyRound
from competencies.selectors.gaps import gap_ratings
from people.models import User
from training.models import Enrolment

# A course tag matches every competence with the same code in the same framework (any version).
SAME_CODE = "version__framework__versions__competences"
# Bits per mask column: a sum of distinct powers of two below 2**62 fits a signed 64-bit integer.
MASK_BITS = 62
# Count columns per SELECT (databases allow 1,600 to 2,000 columns).
TARGETS_PER_SELECT = 500


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
    masks: dict[tuple[int, str | None], int] = defaultdict(int)  # (course, area code or None for all) -> mask
    for tag in tags:
        course, bit = course_index[tag["course_key"]], 1 << bit_of[tag["pk"]]
        masks[(course, None)] |= bit
        masks[(course, tag["area_code"])] |= bit
    targets = sorted(masks, key=lambda target: (target[0], target[1] or ""))
    columns = range(_columns(len(bits)))
    done_columns = range(_columns(len(course_keys)))

    gaps = _person_masks(people=people, round=round, bit_of=bit_of, columns=columns)
    completed = _completed(course_index, done_columns)
    gaps_sql, gaps_params = gaps.query.sql_with_params()
    completed_sql, completed_params = completed.query.sql_with_params()
    # One column per target: the people of the group with a gap in it who have not completed the
    # course. Targets are spread over several SELECTs of at most TARGETS_PER_SELECT columns.
    count_params: list[int] = []
    selects = []
    for part, start in enumerate(range(0, len(targets), TARGETS_PER_SELECT)):
        counts = []
        for course, area_code in targets[start : start + TARGETS_PER_SELECT]:
            meets = " OR ".join(f'("gaps"."mask{n}" & CAST(%s AS BIGINT)) > 0' for n in columns)
            done = f'COALESCE("done"."done{course // MASK_BITS}", 0) & CAST(%s AS BIGINT)'
            counts.append(f"SUM(CASE WHEN ({meets}) AND ({done}) = 0 THEN 1 ELSE 0 END)")
            count_params += [*_split(masks[(course, area_code)], columns), 1 << (course % MASK_BITS)]
        if start:  # the SELECTs of a UNION have as many columns as the first
            counts += ["0"] * (TARGETS_PER_SELECT - len(counts))
        selects.append(
            f'SELECT {part} AS "part", "gaps"."group_id", {", ".join(counts)} FROM "gaps"'  # noqa: S608
            ' LEFT OUTER JOIN "done" ON "done"."person_id" = "gaps"."person" GROUP BY "gaps"."group_id"'
        )
    done_sums = ", ".join(f'CAST(SUM("done{n}") AS BIGINT) AS "done{n}"' for n in done_columns)
    # Only ORM-compiled SQL (with its placeholders), column numbers and part numbers are
    # interpolated: every value is a parameter.
    sql = f"""
        WITH "gaps" AS ({gaps_sql}),
        "done" AS (SELECT "person_id", {done_sums} FROM ({completed_sql}) AS "completed" GROUP BY "person_id")
        {" UNION ALL ".join(selects)}
    """  # noqa: S608
    with connections[gaps.db].cursor() as cursor:
        cursor.execute(sql, [*gaps_params, *completed_params, *count_params])
        rows = cursor.fetchall()
    result = DemandCounts()
    for part, group_id, *values in rows:
        for (course, area_code), people_count in zip(targets[part * TARGETS_PER_SELECT :], values, strict=False):
            if not people_count:
                continue
            key = course_keys[course]
            if area_code is None:
                result.totals[key] = result.totals.get(key, 0) + int(people_count)
            else:
                result.cells[(key, area_code, group_id)] = int(people_count)
    return result


def _columns(bits: int) -> int:
    return (bits + MASK_BITS - 1) // MASK_BITS


def _completed(course_index: dict, done_columns: range) -> QuerySet:
    """Who completed which of the courses: one row per person and course, the course as a bit in ``done0``..."""

    def bit(column: int) -> Case:
        whens = [
            When(session__course__translation_key=key, then=Value(1 << (index % MASK_BITS)))
            for key, index in course_index.items()
            if index // MASK_BITS == column
        ]
        return Case(*whens, default=Value(0), output_field=BigIntegerField())

    return (
        Enrolment.objects.filter(
            outcome=Enrolment.Outcome.COMPLETED, session__course__translation_key__in=list(course_index)
        )
        .values("person_id", **{f"done{n}": bit(n) for n in done_columns})
        .distinct()
        .order_by()
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
