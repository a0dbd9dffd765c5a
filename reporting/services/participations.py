"""Keeping the participation facts (``reporting.models.Participation``) true.

Every write that changes what the figures count calls one of the ``participations_refresh_*``
functions inside its own transaction: the training services through the signals of
``training.signals``, the competence survey and people changes through model signals
(``reporting.receivers``), activities through ``reporting.services.activities``. Each function
recomputes the facts of the rows it is given in a fixed number of queries, whatever their number.

The person's dimensions follow the person until the event starts and are frozen from then on;
a fact whose source row is gone (the person was deleted, and their enrolments with them) keeps
what it had. ``participations_rebuild`` recomputes every fact from the source rows by the same
rules, so running updates and a rebuild agree (tested).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from competencies.models import Assessment, SurveyRound
from people.models import Organisation, OrgUnit, User
from training.models import Certificate, CoursePage, Enrolment, FeedbackReceipt, Session

from ..choices import ACTIVITY_KIND_OF_COURSE_KIND, ActivityKind, Delivery
from ..models import Activity, ActivityParticipant, Participation, Project

Source = Participation.Source
HELSINKI = ZoneInfo(settings.TIME_ZONE)
BATCH = 2000

EVENT_FIELDS = (
    "session_id",
    "activity_id",
    "starts_at",
    "month",
    "activity_kind",
    "course_id",
    "course_kind",
    "level",
    "language",
    "delivery",
    "project_id",
)
PERSON_FIELDS = (
    "person_key",
    "professional_group_id",
    "unit_id",
    "organisation_id",
    "sector",
    "municipality_id",
    "area_id",
    "service_level",
)
STATE_FIELDS = ("status", "outcome", "minutes", "certificate", "feedback_given")
UPDATE_FIELDS = [field.removesuffix("_id") for field in EVENT_FIELDS + PERSON_FIELDS + STATE_FIELDS]
NO_PERSON = dict.fromkeys(PERSON_FIELDS) | {"sector": "", "service_level": ""}


def start_of_day(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=HELSINKI)


def month_of(moment: datetime.datetime) -> int:
    """YYYYMM in Helsinki time: what the month, quarter and year dimensions read."""
    local = timezone.localtime(moment, HELSINKI)
    return local.year * 100 + local.month


# Projects
# ------------------------------------------------------------------------------


class Projects:
    """Which project a session belongs to: the first (by id) whose courses include the session's
    course and whose period covers the session's first day. Loaded once per refresh."""

    def __init__(self) -> None:
        self.by_course: dict[int, list[tuple[datetime.date, datetime.date, int]]] = {}
        for project_id, course_id, starts_on, ends_on in Project.courses.through.objects.order_by(
            "project_id"
        ).values_list("project_id", "coursepage_id", "project__starts_on", "project__ends_on"):
            self.by_course.setdefault(course_id, []).append((starts_on, ends_on, project_id))

    def of_session(self, course_id: int | None, starts_at: datetime.datetime) -> int | None:
        day = timezone.localtime(starts_at, HELSINKI).date()
        for starts_on, ends_on, project_id in self.by_course.get(course_id, ()):
            if starts_on <= day <= ends_on:
                return project_id
        return None


# The event's dimensions
# ------------------------------------------------------------------------------


SESSION_VALUES = (
    "starts_at", "created_at", "course_id", "course__kind", "course__level", "language", "place_name", "online_url"
)  # fmt: skip


def _session_event(session_id: int, row: dict, projects: Projects, prefix: str = "") -> dict:
    """A session's dimensions from a values() row of ``SESSION_VALUES`` (each behind ``prefix``)."""

    def value(name: str):
        return row[prefix + name]

    starts_at = value("starts_at") or value("created_at")
    course_id, course_kind = value("course_id"), value("course__kind")
    online = bool(value("online_url")) and not value("place_name")
    return {
        "session_id": session_id,
        "activity_id": None,
        "starts_at": starts_at,
        "month": month_of(starts_at),
        "activity_kind": ACTIVITY_KIND_OF_COURSE_KIND.get(course_kind, ActivityKind.OTHER),
        "course_id": course_id,
        "course_kind": course_kind,
        "level": value("course__level"),
        "language": value("language"),
        "delivery": Delivery.ONLINE if online else Delivery.ONSITE,
        "project_id": projects.of_session(course_id, starts_at),
    }


def _session_events(session_ids: Iterable[int], projects: Projects) -> dict[int, dict]:
    rows = Session.objects.filter(pk__in=list(session_ids)).values("pk", *SESSION_VALUES)
    return {row["pk"]: _session_event(row["pk"], row, projects) for row in rows}


def _activity_events(activity_ids: Iterable[int]) -> dict[int, dict]:
    rows = Activity.objects.filter(pk__in=list(activity_ids)).values(
        "pk", "kind", "starts_on", "course_id", "course__kind", "level", "language", "delivery", "project_id"
    )
    return {
        row["pk"]: {
            "session_id": None,
            "activity_id": row["pk"],
            "starts_at": start_of_day(row["starts_on"]),
            "month": row["starts_on"].year * 100 + row["starts_on"].month,
            "activity_kind": row["kind"],
            "course_id": row["course_id"],
            "course_kind": row["course__kind"] or "",
            "level": row["level"],
            "language": row["language"],
            "delivery": row["delivery"],
            "project_id": row["project_id"],
        }
        for row in rows
    }


# The person's dimensions
# ------------------------------------------------------------------------------


def _unit_places(paths: Iterable[str]) -> dict[str, tuple[int | None, int | None]]:
    """For each unit path: its family-centre area (the nearest unit of kind area above or at it) and
    its municipality (the nearest unit's own, else None: the organisation's applies)."""
    paths = {path for path in paths if path}
    ancestor_ids = {int(part) for path in paths for part in path.strip("/").split("/")}
    ancestors = {
        row["pk"]: row for row in OrgUnit.objects.filter(pk__in=ancestor_ids).values("pk", "kind", "municipality_id")
    }
    places = {}
    for path in paths:
        area = municipality = None
        for unit_id in reversed([int(part) for part in path.strip("/").split("/")]):
            unit = ancestors.get(unit_id)
            if unit is None:
                continue
            if area is None and unit["kind"] == OrgUnit.Kind.AREA:
                area = unit_id
            if municipality is None:
                municipality = unit["municipality_id"]
        places[path] = (area, municipality)
    return places


PERSON_VALUES = (
    "professional_group_id",
    "unit_id",
    "unit__path",
    "unit__organisation_id",
    "unit__organisation__sector",
    "unit__organisation__municipality_id",
    "service_level",
)


def _person(person_key: int, row: dict, places: dict, prefix: str = "") -> dict:
    """A person's dimensions from a values() row of ``PERSON_VALUES`` (each behind ``prefix``)."""

    def value(name: str):
        return row[prefix + name]

    area, municipality = places.get(value("unit__path"), (None, None))
    return {
        "person_key": person_key,
        "professional_group_id": value("professional_group_id"),
        "unit_id": value("unit_id"),
        "organisation_id": value("unit__organisation_id"),
        "sector": value("unit__organisation__sector") or "",
        "municipality_id": municipality or value("unit__organisation__municipality_id"),
        "area_id": area,
        "service_level": value("service_level") or "",
    }


def person_dimensions(person_ids: Iterable[int]) -> dict[int, dict]:
    """The current dimensions of each person, as a fact stores them (two queries, none for nobody)."""
    if not (person_ids := set(person_ids)):
        return {}
    rows = list(User.objects.filter(pk__in=person_ids).values("pk", *PERSON_VALUES))
    places = _unit_places(row["unit__path"] for row in rows)
    return {row["pk"]: _person(row["pk"], row, places) for row in rows}


# Writing facts
# ------------------------------------------------------------------------------


@dataclass
class _Fact:
    source: str
    source_id: int
    person_id: int | None
    event: dict
    state: dict
    person: dict | None = None  # the person's current dimensions, when the caller read them already


def _write(facts: list[_Fact], *, now: datetime.datetime | None = None) -> None:
    """Upsert ``facts``: the person's dimensions of an existing fact whose event has started stay."""
    if not facts:
        return
    now = now or timezone.now()

    def may_keep(fact: _Fact) -> bool:
        return fact.event["starts_at"] <= now or fact.person_id is None

    # Only a fact that may keep its stored dimensions needs them read (none when someone enrols in a future session).
    existing = {}
    for source in {fact.source for fact in facts}:
        ids = [fact.source_id for fact in facts if fact.source == source and may_keep(fact)]
        if not ids:
            continue
        for row in Participation.objects.filter(source=source, source_id__in=ids).values("source_id", *PERSON_FIELDS):
            existing[source, row.pop("source_id")] = row
    people = person_dimensions(fact.person_id for fact in facts if fact.person_id is not None and fact.person is None)
    rows = []
    for fact in facts:
        kept = existing.get((fact.source, fact.source_id))
        person = kept or fact.person or people.get(fact.person_id, NO_PERSON)
        rows.append(Participation(source=fact.source, source_id=fact.source_id, **fact.event, **person, **fact.state))
    Participation.objects.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["source", "source_id"],
        update_fields=UPDATE_FIELDS,
    )


ENROLMENT_VALUES = (
    "pk",
    "session_id",
    "person_id",
    "status",
    "outcome",
    "attended_minutes",
    *(f"session__{name}" for name in SESSION_VALUES),
    *(f"person__{name}" for name in PERSON_VALUES),
)


def _enrolment_rows(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """``ENROLMENT_VALUES`` of each enrolment, with whether it has a valid certificate and whether its person
    answered the session's feedback: what ``_enrolment_facts`` reads, in one query."""
    return enrolments.annotate(
        certified=Exists(Certificate.objects.filter(enrolment=OuterRef("pk"), revoked_at__isnull=True)),
        answered=Exists(FeedbackReceipt.objects.filter(session=OuterRef("session_id"), person=OuterRef("person_id"))),
    ).values(*ENROLMENT_VALUES, "certified", "answered")


def _enrolment_facts(enrolments: list[dict], projects: Projects) -> list[_Fact]:
    """Facts of enrolment rows of ``_enrolment_rows`` (their session and person read with them)."""
    places = _unit_places(row["person__unit__path"] for row in enrolments)
    events: dict[int, dict] = {}
    facts = []
    for row in enrolments:
        session_id = row["session_id"]
        if session_id not in events:
            events[session_id] = _session_event(session_id, row, projects, prefix="session__")
        facts.append(
            _Fact(
                Source.ENROLMENT,
                row["pk"],
                row["person_id"],
                events[session_id],
                {
                    "status": row["status"],
                    "outcome": row["outcome"],
                    "minutes": row["attended_minutes"],
                    "certificate": row["certified"],
                    "feedback_given": row["answered"],
                },
                person=_person(row["person_id"], row, places, prefix="person__"),
            )
        )
    return facts


def _chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    ids = sorted(set(ids))
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


def participations_refresh_enrolments(*, enrolment_ids: Iterable[int]) -> None:
    """Recompute the facts of these enrolments (their status, outcome, certificate or feedback changed)."""
    projects = None
    for chunk in _chunks(enrolment_ids):
        enrolments = list(_enrolment_rows(Enrolment.objects.filter(pk__in=chunk)))
        if enrolments:
            projects = projects or Projects()
            _write(_enrolment_facts(enrolments, projects))


def _listing_facts(activity_ids: Iterable[int]) -> list[_Fact]:
    activities = Activity.objects.filter(pk__in=list(activity_ids)).values("pk", "hours")
    minutes = {row["pk"]: int((row["hours"] or 0) * 60) for row in activities}
    events = _activity_events(minutes)
    state = {"status": Participation.ATTENDED, "outcome": "", "certificate": False, "feedback_given": False}
    return [
        _Fact(Source.LISTING, pk, person_id, events[activity_id], state | {"minutes": minutes[activity_id]})
        for pk, activity_id, person_id in ActivityParticipant.objects.filter(activity_id__in=minutes).values_list(
            "pk", "activity_id", "person_id"
        )
    ]


def _assessment_facts(assessments: Iterable[tuple[int, int, int]], survey_activity: dict[int, int]) -> list[_Fact]:
    events = _activity_events(survey_activity.values())
    state = {"status": Participation.ATTENDED, "outcome": "", "minutes": 0, "certificate": False}
    return [
        _Fact(Source.ASSESSMENT, pk, person_id, events[survey_activity[round_id]], state | {"feedback_given": False})
        for pk, round_id, person_id in assessments
        if round_id in survey_activity
    ]


def participations_refresh_activity(*, activity: Activity) -> None:
    """Recompute the facts of an activity and of its listed people (an admin save or an import)."""
    participations_refresh_activities(activity_ids=[activity.pk])


def participations_refresh_activities(*, activity_ids: Iterable[int]) -> None:
    activity_ids = list(activity_ids)
    listing_ids = ActivityParticipant.objects.filter(activity_id__in=activity_ids).values("pk")
    # People taken off a list were never there: their facts go (an erased person stays listed, unnamed).
    Participation.objects.filter(source=Source.LISTING, activity_id__in=activity_ids).exclude(
        source_id__in=listing_ids
    ).delete()
    _write(_listing_facts(activity_ids))
    _refresh_events(Participation.objects.filter(activity_id__in=activity_ids), _activity_events(activity_ids))


def survey_activity_sync(*, round: SurveyRound) -> Activity:
    """The survey activity that stands for a competence survey round in the figures."""
    activity, _created = Activity.objects.update_or_create(
        survey_round=round,
        defaults={
            "kind": ActivityKind.SURVEY,
            "title": round.name_fi,
            "starts_on": round.opens_on,
            "ends_on": round.closes_on,
            "event_count": 1,
            "participant_count": None,
        },
    )
    _refresh_events(Participation.objects.filter(activity=activity), _activity_events([activity.pk]))
    return activity


def participations_refresh_assessments(*, assessment_ids: Iterable[int]) -> None:
    """Facts of submitted assessments (a survey's respondents); a draft counts for nothing."""
    for chunk in _chunks(assessment_ids):
        assessments = list(
            Assessment.objects.filter(pk__in=chunk, status=Assessment.Status.SUBMITTED).values_list(
                "pk", "round_id", "person_id"
            )
        )
        rounds = {round_id for _pk, round_id, _person in assessments}
        survey_activity = dict(Activity.objects.filter(survey_round_id__in=rounds).values_list("survey_round_id", "pk"))
        _write(_assessment_facts(assessments, survey_activity))


# Changes of events and people
# ------------------------------------------------------------------------------


def _refresh_events(facts, events: dict[int, dict]) -> None:
    """Write each event's current dimensions into its facts (one UPDATE per event)."""
    for pk, event in events.items():
        fields = {name: value for name, value in event.items() if name not in ("session_id", "activity_id")}
        lookup = {"session_id": pk} if event["session_id"] is not None else {"activity_id": pk}
        facts.filter(**lookup).update(**fields)


def participations_refresh_sessions(*, session_ids: Iterable[int]) -> None:
    """A session's time, place, language or course changed: its facts follow."""
    session_ids = list(session_ids)
    _refresh_events(Participation.objects.filter(session_id__in=session_ids), _session_events(session_ids, Projects()))


def participations_refresh_course(*, course: CoursePage) -> None:
    """A course's kind or level changed (published): the facts of its sessions and activities follow."""
    session_ids = Session.objects.filter(course_id=course.pk).values_list("pk", flat=True)
    participations_refresh_sessions(session_ids=session_ids)
    activity_ids = Activity.objects.filter(course_id=course.pk).values_list("pk", flat=True)
    _refresh_events(Participation.objects.filter(activity_id__in=activity_ids), _activity_events(activity_ids))


def participations_refresh_projects() -> None:
    """A project's period or courses changed: every session fact's project is decided again."""
    projects = Projects()
    course_ids = list(projects.by_course)
    Participation.objects.filter(session__isnull=False, project__isnull=False).exclude(course_id__in=course_ids).update(
        project=None
    )
    for course_id, periods in projects.by_course.items():
        facts = Participation.objects.filter(session__isnull=False, course_id=course_id)
        taken = Q()
        for starts_on, ends_on, project_id in periods:
            window = Q(starts_at__gte=start_of_day(starts_on), starts_at__lt=start_of_day(ends_on + ONE_DAY))
            facts.filter(window).exclude(taken).update(project_id=project_id)
            taken |= window
        facts.exclude(taken).update(project=None)


ONE_DAY = datetime.timedelta(days=1)


def _unfrozen(now: datetime.datetime | None = None):
    return Participation.objects.filter(starts_at__gt=now or timezone.now())


def participations_refresh_people(*, person_ids: Iterable[int]) -> None:
    """People moved, changed group or level: their facts of events yet to start follow them."""
    facts = _unfrozen().filter(person_key__in=set(person_ids))
    _refresh_people(facts)


def participations_refresh_units(*, units: Iterable[OrgUnit] = (), organisation: Organisation | None = None) -> None:
    """A unit moved (another area or municipality) or an organisation changed sector or municipality."""
    facts = _unfrozen()
    if organisation is not None:
        facts = facts.filter(organisation=organisation)
    else:
        facts = facts.filter(unit__in=OrgUnit.objects.subtree_of(list(units)))
    _refresh_people(facts)


def _refresh_people(facts) -> None:
    rows = list(facts.exclude(person_key=None).values_list("pk", "person_key"))
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        people = person_dimensions(person_key for _pk, person_key in chunk)
        changed = [Participation(pk=pk, **people[key]) for pk, key in chunk if key in people]
        Participation.objects.bulk_update(changed, [field.removesuffix("_id") for field in PERSON_FIELDS])


# Rebuilding everything
# ------------------------------------------------------------------------------


@transaction.atomic
def participations_rebuild() -> int:
    """Recompute every fact from the source rows; returns how many facts there are afterwards.

    Facts of deleted enrolments and assessments (their person was deleted) are kept as they are,
    but follow their event's changes; facts of people taken off an activity's list go.
    """
    projects = Projects()
    for round in SurveyRound.objects.all():
        survey_activity_sync(round=round)
    last = 0
    while batch := list(_enrolment_rows(Enrolment.objects.filter(pk__gt=last).order_by("pk"))[:BATCH]):
        _write(_enrolment_facts(batch, projects))
        last = batch[-1]["pk"]
    participations_refresh_activities(activity_ids=list(Activity.objects.values_list("pk", flat=True)))
    assessment_ids = Assessment.objects.filter(status=Assessment.Status.SUBMITTED).values_list("pk", flat=True)
    participations_refresh_assessments(assessment_ids=list(assessment_ids))
    orphans = Participation.objects.filter(source=Source.ENROLMENT).exclude(
        source_id__in=Enrolment.objects.values("pk")
    )
    orphan_sessions = set(orphans.values_list("session_id", flat=True))
    _refresh_events(orphans, _session_events(orphan_sessions, projects))
    _refresh_people(_unfrozen())
    return Participation.objects.count()
