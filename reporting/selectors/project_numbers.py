"""The project in numbers: a project's events and participants over a period, a row per activity kind and one
for its headline course, each split by service level, as the seed project reported its work.

The figures follow the participant statistics' definitions (``reporting.selectors.statistics``) and so agree
with its page for the same project and period: an **event** is a session someone took part in, or an
activity (``event_count`` of them for earlier work recorded as totals); a **participant** is a participation
(a seat taken in a session that has started and was not a no-show, a person listed on an activity, a survey's
respondent) or one of an activity's counted participants. For surveys the participants are respondents;
working groups count their meetings as well.

The headline course's row holds its sessions and the activities recorded against it (earlier sessions known
as totals), which are taken out of the kind rows so that nothing counts twice. A figure is ``None`` where
nothing is recorded: the events of a course known only by its participant total, the participants of working
groups, a service level no event of the row had. A fixed number of queries, whatever the size of the data.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Count, QuerySet, Sum, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from people.access import access_for
from people.models import ServiceLevel
from training.selectors.courses import course_in_language

from ..choices import ActivityKind
from ..models import Activity, Participation, Project
from .cube import took_part
from .statistics import _period

HEADLINE = "headline_course"
LEVELS = tuple(ServiceLevel.values)
# The dates a period may take (the figures' day arithmetic stays well inside what dates can hold).
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2999, 12, 31)


@dataclass
class Figures:
    events: int | None = None
    participants: int | None = None
    meetings: int | None = None

    def add(self, events: int | None, participants: int | None, meetings: int | None = None) -> None:
        self.events = _plus(self.events, events)
        self.participants = _plus(self.participants, participants)
        self.meetings = _plus(self.meetings, meetings)


def _plus(total: int | None, value: int | None) -> int | None:
    """Adds what is recorded: ``None`` stays only while nothing is (a zero is something recorded)."""
    if value is None:
        return total
    return value if total is None else total + value


@dataclass
class Row:
    kind: str  # an ActivityKind value, or HEADLINE
    name: str
    figures: Figures = field(default_factory=Figures)
    by_level: dict[str, Figures] = field(default_factory=lambda: {level: Figures() for level in LEVELS})

    @property
    def events(self) -> int | None:
        return self.figures.events

    @property
    def participants(self) -> int | None:
        return self.figures.participants

    @property
    def meetings(self) -> int | None:
        return self.figures.meetings

    @property
    def respondents(self) -> bool:
        """Whether the participants are a survey's respondents."""
        return self.kind == ActivityKind.SURVEY

    def levels(self) -> list[tuple[str, Figures]]:
        return [(level, self.by_level[level]) for level in LEVELS]

    def add(self, level: str, events: int | None, participants: int | None, meetings: int | None = None) -> None:
        self.figures.add(events, participants, meetings)
        if level in self.by_level:
            self.by_level[level].add(events, participants, meetings)


@dataclass
class ProjectNumbers:
    project: Project
    date_from: datetime.date
    date_to: datetime.date
    rows: list[Row]

    @property
    def has_meetings(self) -> bool:
        return any(row.meetings is not None for row in self.rows)


def get_project_for_reporting(user, pk: int) -> Project:
    """The project ``pk`` for a coordinator or an administrator (403 for anyone else, 404 if there is none)."""
    if not access_for(user).sees_whole_network:
        raise PermissionDenied
    return get_object_or_404(Project.objects.select_related("headline_course"), pk=pk)


def projects_for_reporting() -> QuerySet[Project]:
    return Project.objects.select_related("organiser").order_by("-starts_on", "name_fi", "pk")


def period_of(
    project: Project, date_from: datetime.date | None, date_to: datetime.date | None
) -> tuple[datetime.date, datetime.date]:
    """The period asked for, each end the project's own where not given."""
    return date_from or project.starts_on, date_to or project.ends_on


def _headline(course_id: int | None):
    if course_id is None:
        return Value(False, output_field=BooleanField())
    return Case(When(course_id=course_id, then=Value(True)), default=Value(False), output_field=BooleanField())


def project_numbers(
    *,
    project: Project,
    date_from: datetime.date,
    date_to: datetime.date,
    now: datetime.datetime | None = None,
) -> ProjectNumbers:
    """The rows of ``project`` for the period (activities by their first day, sessions by their start)."""
    now = now or timezone.now()
    headline_id = project.headline_course_id
    took = took_part(now)
    facts = (
        Participation.objects.filter(_period(date_from, date_to), project=project)
        .values("activity_kind", "level", headline=_headline(headline_id))
        .annotate(
            sessions=Count("session", distinct=True, filter=took),
            participations=Count("pk", filter=took),
        )
        .order_by()
    )
    activities = (
        Activity.objects.filter(project=project, starts_on__gte=date_from, starts_on__lte=date_to)
        .values("kind", "level", headline=_headline(headline_id))
        .annotate(
            events=Sum("event_count"),
            participants=Sum("participant_count"),
            meetings=Sum("meeting_count"),
            activities=Count("pk"),
        )
        .order_by()
    )
    rows: dict[str, Row] = {}

    def row_of(kind: str, headline: bool) -> Row:
        key = HEADLINE if headline else kind
        if key not in rows:
            rows[key] = Row(key, "" if headline else str(ActivityKind(kind).label))
        return rows[key]

    for fact in facts:
        if fact["sessions"] or fact["participations"]:
            # A session's event only when someone took part in it; an activity's come from the activity table.
            row_of(fact["activity_kind"], fact["headline"]).add(
                fact["level"], fact["sessions"] or None, fact["participations"]
            )
    for activity in activities:
        row_of(activity["kind"], activity["headline"]).add(
            activity["level"], activity["events"], activity["participants"], activity["meetings"]
        )
    if HEADLINE in rows:
        course = course_in_language(project.headline_course, translation.get_language() or settings.LANGUAGE_CODE)
        rows[HEADLINE].name = course.title
    return ProjectNumbers(project, date_from, date_to, _ordered(rows))


def _ordered(rows: dict[str, Row]) -> list[Row]:
    """In the order of the activity kinds, the headline course after the course row."""
    order = []
    for kind in ActivityKind.values:
        order.append(kind)
        if kind == ActivityKind.COURSE:
            order.append(HEADLINE)
    return [rows[key] for key in order if key in rows]
