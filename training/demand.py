"""Training demand: which courses would close the competence gaps of the network, and how many sessions they need.

For each course tagged with competences: the people who are below the required level (in
their latest submitted assessment, or in a chosen round) in at least one competence the course
develops and who have not completed the course, by competence area and professional group;
the free seats of its upcoming sessions; and the sessions still needed at a typical capacity
(the mean capacity of the course's sessions, else ``DEFAULT_CAPACITY``).

Courses and gaps are matched by competence code within a framework, so tags on the current
version also match gaps found in rounds on older versions. Everything is aggregated in the
database: the number of queries does not depend on the number of people.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from competencies.models import CompetenceArea, SurveyRound
from competencies.selectors.gaps import MIN_GROUP_SIZE, gap_ratings
from people.models import ProfessionalGroup, User

from .models import CoursePage, Enrolment, Session
from .recommendations import pages_in_active_language

DEFAULT_CAPACITY = 20
# Rating -> its competence -> every competence with the same code in the same framework -> the courses tagged with it.
SAME_CODE = "competence__version__framework__versions__competences"


@dataclass
class DemandCell:
    area_code: str
    area_name: str
    group: ProfessionalGroup | None
    people: int
    suppressed: bool


@dataclass
class CourseDemand:
    course: CoursePage
    people: int
    free_seats: int
    upcoming_sessions: int
    typical_capacity: int
    breakdown: list[DemandCell] = field(default_factory=list)

    @property
    def seats_short(self) -> int:
        return max(self.people - self.free_seats, 0)

    @property
    def sessions_needed(self) -> int:
        """Further sessions needed at a typical capacity for those the upcoming sessions cannot seat."""
        return math.ceil(self.seats_short / self.typical_capacity) if self.typical_capacity else 0


def demand_ratings(*, people: QuerySet[User], round: SurveyRound | None = None) -> QuerySet:
    """Gap ratings joined to the live courses developing their competence, whose course the person has not completed."""
    completed = Enrolment.objects.filter(
        person=OuterRef("assessment__person"),
        outcome=Enrolment.Outcome.COMPLETED,
        session__course__translation_key=OuterRef("course_key"),
    )
    # One annotate() resolves both paths over the same joins (a filter() per path would join twice).
    return (
        gap_ratings(people=people, round=round)
        .annotate(
            tag_code=F(f"{SAME_CODE}__code"),
            course_key=F(f"{SAME_CODE}__courses__translation_key"),
            course_live=F(f"{SAME_CODE}__courses__live"),
        )
        .filter(tag_code=F("competence__code"), course_live=True)
        .filter(~Exists(completed))
    )


def training_demand(
    *, people: QuerySet[User] | None = None, round: SurveyRound | None = None, suppress: bool = True
) -> list[CourseDemand]:
    """Demand per course, most people first. Seven queries whatever the number of people or courses."""
    people = people if people is not None else User.objects.filter(is_active=True)
    ratings = demand_ratings(people=people, round=round)
    key = "course_key"
    person = "assessment__person"
    totals = {
        row["key"]: row["people"]
        for row in ratings.values(key=F(key)).annotate(people=Count(person, distinct=True)).order_by()
    }
    if not totals:
        return []
    breakdown_rows = list(
        ratings.values(
            key=F(key), area_code=F("competence__area__code"), group_id=F("assessment__person__professional_group")
        )
        .annotate(people=Count(person, distinct=True))
        .order_by()
    )
    courses = pages_in_active_language(totals)
    seats = _seats(totals)
    groups = ProfessionalGroup.objects.in_bulk({row["group_id"] for row in breakdown_rows})
    areas = _area_names({row["area_code"] for row in breakdown_rows})
    result = []
    for course_key, count in totals.items():
        if course_key not in courses:
            continue
        free, upcoming, typical = seats.get(course_key, (0, 0, DEFAULT_CAPACITY))
        result.append(
            CourseDemand(
                course=courses[course_key],
                people=count,
                free_seats=free,
                upcoming_sessions=upcoming,
                typical_capacity=typical,
            )
        )
    by_key = {demand.course.translation_key: demand for demand in result}
    group_order = {pk: (group.sort_order, group.name_fi) for pk, group in groups.items()}
    for row in sorted(
        breakdown_rows, key=lambda row: (row["area_code"], group_order.get(row["group_id"], (10**6, "")))
    ):
        demand = by_key.get(row["key"])
        if demand is None:
            continue
        demand.breakdown.append(
            DemandCell(
                area_code=row["area_code"],
                area_name=areas.get(row["area_code"], row["area_code"]),
                group=groups.get(row["group_id"]),
                people=row["people"],
                suppressed=suppress and row["people"] < MIN_GROUP_SIZE,
            )
        )
    result.sort(key=lambda demand: (-demand.people, demand.course.title))
    return result


def _seats(keys: Iterable) -> dict:
    """Per course: (free seats in upcoming sessions, number of upcoming sessions, typical capacity). One query.

    The loop runs over the courses' sessions (a handful each), never over people.
    """
    now = timezone.now()
    sessions = (
        Session.objects.filter(course__translation_key__in=list(keys))
        .exclude(status=Session.Status.CANCELLED)
        .values("pk", "course__translation_key", "capacity", "ends_at")
        .annotate(confirmed=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.CONFIRMED)))
        .order_by()
    )
    free: dict = {}
    upcoming: dict = {}
    capacities: dict = {}
    for session in sessions:
        key = session["course__translation_key"]
        capacities.setdefault(key, []).append(session["capacity"])
        if session["ends_at"] is not None and session["ends_at"] >= now:
            free[key] = free.get(key, 0) + max(session["capacity"] - session["confirmed"], 0)
            upcoming[key] = upcoming.get(key, 0) + 1
    return {
        key: (free.get(key, 0), upcoming.get(key, 0), round(sum(values) / len(values)))
        for key, values in capacities.items()
    }


def _area_names(codes: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for area in CompetenceArea.objects.filter(code__in=codes).order_by("-version__number", "-version_id"):
        names.setdefault(area.code, area.name)
    return names
