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
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from competencies.models import CompetenceArea, SurveyRound
from competencies.selectors.gaps import MIN_GROUP_SIZE
from people.models import ProfessionalGroup, User
from training.models import CoursePage, Enrolment, Session
from training.selectors.recommendations import pages_in_active_language

from .demand_counts import demand_counts

DEFAULT_CAPACITY = 20


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


def training_demand(
    *, people: QuerySet[User] | None = None, round: SurveyRound | None = None, suppress: bool = True
) -> list[CourseDemand]:
    """Demand per course, most people first. Seven queries whatever the number of people or courses."""
    people = people if people is not None else User.objects.filter(is_active=True)
    counts = demand_counts(people=people, round=round)
    if not counts.totals:
        return []
    courses = pages_in_active_language(counts.totals)
    seats = _seats(counts.totals)
    groups = ProfessionalGroup.objects.in_bulk({group_id for _key, _area, group_id in counts.cells})
    areas = _area_names({area_code for _key, area_code, _group in counts.cells})
    result = []
    for course_key, count in sorted(counts.totals.items()):
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
    for (course_key, area_code, group_id), count in sorted(
        counts.cells.items(), key=lambda item: (item[0][1], group_order.get(item[0][2], (10**6, "")))
    ):
        demand = by_key.get(course_key)
        if demand is None:
            continue
        demand.breakdown.append(
            DemandCell(
                area_code=area_code,
                area_name=areas.get(area_code, area_code),
                group=groups.get(group_id),
                people=count,
                suppressed=suppress and count < MIN_GROUP_SIZE,
            )
        )
    if suppress:
        for demand in result:
            _suppress_complement(demand.breakdown)
    result.sort(key=lambda demand: (-demand.people, demand.course.title))
    return result


def _suppress_complement(cells: list[DemandCell]) -> None:
    """Within each area the groups' cells add up to the area's people; where a course develops one
    area that is its total, shown above. One hidden cell beside visible ones could then be worked
    out by subtraction, so the smallest visible cell of that area is hidden with it."""
    by_area: dict[str, list[DemandCell]] = defaultdict(list)
    for cell in cells:
        by_area[cell.area_code].append(cell)
    for area_cells in by_area.values():
        hidden = [cell for cell in area_cells if cell.suppressed]
        shown = [cell for cell in area_cells if not cell.suppressed]
        if len(hidden) == 1 and shown:
            min(shown, key=lambda cell: cell.people).suppressed = True


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
