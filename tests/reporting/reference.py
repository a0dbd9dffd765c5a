"""A random network, trainings and activities, written through the services, with a ledger of what
each participation was; and the figures recomputed from that ledger in plain Python.

The ledger records, for every enrolment, the person's dimensions when the session started (the moment
the test moves it into the past), and the whole enrolment when its person is deleted. ``expected``
then counts each measure the way the statistics page defines it, with none of reporting's code.
"""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from people.models import OrgUnit, User
from reporting.models import Activity, ActivityParticipant
from reporting.services.participations import participations_refresh_activity
from tests.factories import (
    MunicipalityFactory,
    OrganisationFactory,
    OrgUnitFactory,
    ProfessionalGroupFactory,
    UserFactory,
    make_course,
    make_session,
)
from tests.reporting.factories import shift
from training.errors import TrainingError
from training.models import Attendance, Certificate, Enrolment, Session
from training.services import attendance_record, enrolment_cancel, enrolment_create, session_set_capacity

ONLINE = "https://teams.example/meet/1"


def dimensions_of(person: User) -> dict:
    """The person's dimensions now, found by walking the unit tree (independently of reporting)."""
    unit = person.unit
    if unit is None:
        return dict.fromkeys(("professional_group", "unit", "organisation", "sector", "municipality", "area")) | {
            "professional_group": person.professional_group_id
        }
    area = municipality = None
    node = unit
    while node is not None:
        if area is None and node.kind == OrgUnit.Kind.AREA:
            area = node.pk
        if municipality is None and node.municipality_id:
            municipality = node.municipality_id
        node = node.parent
    return {
        "professional_group": person.professional_group_id,
        "unit": unit.pk,
        "organisation": unit.organisation_id,
        "sector": unit.organisation.sector,
        "municipality": municipality or unit.organisation.municipality_id,
        "area": area,
    }


@dataclass
class Record:
    """One participation as the reference sees it."""

    person: int
    dims: dict
    session: int | None = None
    activity: int | None = None
    status: str = "attended"
    outcome: str = ""
    minutes: int = 0
    certificate: bool = False
    started: bool = True
    event: dict = field(default_factory=dict)


@dataclass
class World:
    units: list
    groups: list
    people: list
    sessions: list
    frozen: dict = field(default_factory=dict)  # enrolment id → dims when its session started
    deleted: dict = field(default_factory=dict)  # enrolment id → Record of a deleted person
    listings: list = field(default_factory=list)  # Records of activity lists
    counted: list = field(default_factory=list)  # (activity event dims, events, participants) of count-only ones


def build(seed: int, programme) -> World:
    rng = random.Random(seed)
    county = OrganisationFactory(name=f"Hyvinvointialue {seed}")
    city = OrganisationFactory(name=f"Kaupunki {seed}", sector="kunta")
    ngo = OrganisationFactory(name=f"Järjestö {seed}", sector="jarjesto")
    area_1 = OrgUnitFactory(organisation=county, kind="area", name="Alue 1")
    area_2 = OrgUnitFactory(
        organisation=county, kind="area", name="Alue 2", municipality=MunicipalityFactory(code="749")
    )
    units = [
        OrgUnitFactory(organisation=county, parent=area_1, name="Neuvola 1"),
        OrgUnitFactory(organisation=county, parent=area_1, name="Perhetyö 1"),
        OrgUnitFactory(organisation=county, parent=area_2, name="Neuvola 2"),
        OrgUnitFactory(organisation=city, name="Varhaiskasvatus"),
        OrgUnitFactory(organisation=ngo, name="Kohtaamispaikka"),
    ]
    groups = [ProfessionalGroupFactory(code=f"g{seed}-{index}") for index in range(4)]
    people = [
        UserFactory(
            unit=rng.choice(units),
            professional_group=rng.choice(groups),
            service_level=rng.choice(["perustaso", "erityistaso"]),
        )
        for _ in range(40)
    ]
    courses = [
        make_course(programme, f"Kurssi {seed}-{index}", kind=kind, level=level, issues_certificate=index != 2)
        for index, (kind, level) in enumerate(
            [("course", "perustaso"), ("method", "erityistaso"), ("workshop", "perustaso")]
        )
    ]
    sessions = []
    for index in range(9):
        online = rng.random() < 0.3
        session = make_session(
            rng.choice(courses),
            capacity=rng.randint(2, 7),
            starts_in_days=rng.randint(2, 40),
            language=rng.choice(["fi", "sv"]),
            online_url=ONLINE if online else "",
            place_name="" if online else "Kuopio",
        )
        sessions.append(session)
        del index
    return World(units, groups, people, sessions)


def play(world: World, seed: int) -> None:
    """Enrol, cancel, raise capacities, let time pass, record attendance, move and delete people."""
    rng = random.Random(seed * 7919)
    for session in world.sessions:
        for person in rng.sample(world.people, rng.randint(3, 12)):
            with contextlib.suppress(TrainingError):
                enrolment_create(session=session, person=person, by=person)
        active = list(session.enrolments.filter(status__in=["confirmed", "waiting"]))
        for enrolment in rng.sample(active, min(len(active), rng.randint(0, 3))):
            enrolment_cancel(enrolment=enrolment, by=enrolment.person)
        if rng.random() < 0.3:
            session_set_capacity(session=session, capacity=session.capacity + 1, by=world.people[0])
    _move_people(world, rng)
    for session in rng.sample(world.sessions, 6):
        for enrolment in session.enrolments.select_related("person__unit__organisation"):
            world.frozen[enrolment.pk] = dimensions_of(enrolment.person)
        shift(session, days=-rng.randint(45, 60))
        day = session.days.get()
        for enrolment in session.enrolments.filter(status="confirmed"):
            choice = rng.choice(["present", "partial", "absent", None])
            if choice == "partial":
                attendance_record(
                    enrolment=enrolment, day=day, status=Attendance.Status.PARTIAL, minutes=rng.randint(30, 300)
                )
            elif choice:
                attendance_record(enrolment=enrolment, day=day, status=choice)
    _move_people(world, rng)
    _correct_attendance(world, rng)
    _activities(world, rng)
    _delete_people(world, rng)


def _correct_attendance(world: World, rng: random.Random) -> None:
    """Corrections after people moved: the facts of past sessions keep who the people were."""
    now = timezone.now()
    for session in world.sessions:
        if session.starts_at > now:
            continue
        day = session.days.get()
        for enrolment in session.enrolments.filter(status="confirmed"):
            if rng.random() < 0.5:
                attendance_record(enrolment=enrolment, day=day, status=rng.choice(["present", "absent"]))


def _move_people(world: World, rng: random.Random) -> None:
    for person in rng.sample(world.people, 8):
        if not User.objects.filter(pk=person.pk).exists():
            continue
        person.unit = rng.choice(world.units)
        person.professional_group = rng.choice(world.groups)
        person.save()


def _activities(world: World, rng: random.Random) -> None:
    today = timezone.localdate()
    listed = Activity.objects.create(
        kind="working_group", title="Työryhmä", starts_on=today - timedelta(days=50), level="perustaso"
    )
    for person in rng.sample(world.people, 6):
        ActivityParticipant.objects.create(activity=listed, person=person)
        world.listings.append(
            Record(person.pk, dimensions_of(person), activity=listed.pk, event=_activity_event(listed))
        )
    participations_refresh_activity(activity=listed)
    counted = Activity.objects.create(
        kind="seminar", title="Seminaari", starts_on=today - timedelta(days=40), event_count=3, participant_count=120
    )
    world.counted.append((_activity_event(counted), 3, 120))


def _activity_event(activity: Activity) -> dict:
    return {
        "activity_kind": activity.kind,
        "level": activity.level,
        "language": activity.language,
        "delivery": activity.delivery,
        "month": activity.starts_on.year * 100 + activity.starts_on.month,
    }


def _delete_people(world: World, rng: random.Random) -> None:
    without_certificates = [
        person
        for person in world.people
        if not Certificate.objects.filter(person=person).exists() and User.objects.filter(pk=person.pk).exists()
    ]
    for person in rng.sample(without_certificates, 3):
        for enrolment in Enrolment.objects.filter(person=person):
            world.deleted[enrolment.pk] = _record(enrolment, world)
        person.delete()


def _session_event(session: Session) -> dict:
    local = timezone.localtime(session.starts_at)
    kinds = {"course": "course", "method": "method_training", "workshop": "workshop"}
    return {
        "activity_kind": kinds[session.course.kind],
        "level": session.course.level,
        "language": session.language,
        "delivery": "online" if session.online_url and not session.place_name else "onsite",
        "month": local.year * 100 + local.month,
    }


def _record(enrolment: Enrolment, world: World) -> Record:
    session = enrolment.session
    started = session.starts_at <= timezone.now()
    dims = world.frozen.get(enrolment.pk) if started else dimensions_of(enrolment.person)
    certificate = Certificate.objects.filter(enrolment=enrolment, revoked_at__isnull=True).exists()
    return Record(
        enrolment.person_id,
        dims,
        session=session.pk,
        status=enrolment.status,
        outcome=enrolment.outcome,
        minutes=enrolment.attended_minutes,
        certificate=certificate,
        started=started,
        event=_session_event(session),
    )


def records(world: World) -> list[Record]:
    enrolments = Enrolment.objects.select_related("session__course", "person__unit__organisation")
    current = [_record(enrolment, world) for enrolment in enrolments]
    return current + list(world.deleted.values()) + world.listings


def took_part(record: Record) -> bool:
    if record.session is None:
        return True
    return record.status == "confirmed" and record.started and record.outcome != "no_show"


def key_of(record: Record, by: list[str]) -> tuple:
    return tuple(record.event[name] if name in record.event else record.dims[name] for name in by)


def expected(world: World, by: list[str], units: set[int] | None = None) -> dict[tuple, dict]:
    """Every measure per cell, from the ledger. ``units``: a manager's units (None: the network)."""
    cells: dict[tuple, dict] = defaultdict(lambda: defaultdict(int))
    people: dict[tuple, set] = defaultdict(set)
    events: dict[tuple, set] = defaultdict(set)
    for record in records(world):
        if units is not None and record.dims["unit"] not in units:
            continue
        key = key_of(record, by)
        cell = cells[key]
        if took_part(record):
            cell["participations"] += 1
            cell["minutes"] += record.minutes
            people[key].add(record.person)
            events[key].add(("s", record.session) if record.session else ("a", record.activity))
        cell["completed"] += record.outcome == "completed"
        cell["no_shows"] += record.outcome == "no_show"
        cell["cancellations"] += record.session is not None and record.status == "cancelled"
        cell["waiting"] += record.session is not None and record.status == "waiting" and record.started
        cell["certificates"] += record.certificate
    if units is None:
        for event, count, participants in world.counted:
            key = tuple(event.get(name) for name in by)
            cells[key]["events"] += count
            cells[key]["participations"] += participants
    for key, cell in cells.items():
        cell["unique_participants"] = len(people[key])
        cell["events"] += len(events[key])
    return {key: dict(cell) for key, cell in cells.items() if any(cell.values())}
