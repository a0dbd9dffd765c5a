"""A small network with two past sessions, built through the services, for the statistics page, API and exports.

* Perhekeskus tutuksi (basic level): unit A 5 present, 1 absent (did not attend) and 1 cancelled;
  unit B 5 present; the NGO 5 (no attendance marked yet).
* MARAK (a method training, special level, 3 seats): unit B 3, and 1 still waiting when it started.

Everyone marked present completed (6 hours) and holds a certificate. Unit A and B are below one area;
``manager_a`` manages unit A.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from people.models import OrgUnit, User
from tests.factories import OrganisationFactory, OrgUnitFactory, UserFactory, enrol, make_course, make_session
from tests.reporting.factories import network, shift
from training.models import Attendance, CoursePage, Enrolment, Session, TrainingProgrammePage
from training.services import attendance_record, enrolment_cancel


@dataclass
class World:
    programme: TrainingProgrammePage
    area: OrgUnit
    unit_a: OrgUnit
    unit_b: OrgUnit
    ngo_unit: OrgUnit
    intro: CoursePage
    marak: CoursePage
    intro_session: Session
    marak_session: Session
    manager_a: User
    people: dict[str, list[User]] = field(default_factory=dict)


def privileged(**fields) -> User:
    """A coordinator or administrator who has set up two-step verification, as they must."""
    user = UserFactory(professional_group=None, **fields)
    TOTP.activate(user, generate_totp_secret())
    return user


def manager_of(*units: OrgUnit) -> User:
    manager = UserFactory(unit=units[0])
    for unit in units:
        unit.managers.add(manager)
    return manager


def past_session(course: CoursePage, **fields) -> Session:
    """Open for enrolment now; ``into_the_past`` moves it four days back once people have enrolled."""
    return make_session(course, starts_in_days=1, **fields)


def into_the_past(session: Session) -> Session:
    return shift(session, days=-5)


def present(session: Session, enrolments: list[Enrolment]) -> None:
    for enrolment in enrolments:
        attendance_record(enrolment=enrolment, day=session.days.get(), status=Attendance.Status.PRESENT)


def build_world(programme) -> World:
    area, unit_a, unit_b, ngo_unit = network()
    intro = make_course(programme, "Perhekeskus tutuksi", level="perustaso")
    marak = make_course(programme, "MARAK", kind="method", level="erityistaso")
    intro_session = past_session(intro, capacity=30)
    marak_session = past_session(marak, capacity=3)
    people = {
        "a": [UserFactory(unit=unit_a) for _ in range(7)],
        "b": [UserFactory(unit=unit_b) for _ in range(5)],
        "ngo": [UserFactory(unit=ngo_unit) for _ in range(5)],
        "marak": [UserFactory(unit=unit_b) for _ in range(4)],
    }
    intro_a = [enrol(intro_session, person) for person in people["a"]]
    enrolment_cancel(enrolment=intro_a.pop(), by=people["a"][-1])
    intro_b = [enrol(intro_session, person) for person in people["b"]]
    for person in people["ngo"]:
        enrol(intro_session, person)
    for person in people["marak"]:
        enrol(marak_session, person)  # the fourth waits
    into_the_past(intro_session)
    into_the_past(marak_session)
    present(intro_session, intro_a[:5] + intro_b)
    attendance_record(enrolment=intro_a[5], day=intro_session.days.get(), status=Attendance.Status.ABSENT)
    manager_a = manager_of(unit_a)
    return World(
        programme, area, unit_a, unit_b, ngo_unit, intro, marak, intro_session, marak_session, manager_a, people
    )


def grow(programme, *, courses: int, people: int) -> None:
    """More of everything: ``courses`` new courses, each with a past session of ``people`` people of a new
    organisation and professional group (more values of every dimension, more rows)."""
    for number in range(courses):
        course = make_course(programme, f"Kurssi {number}", kind="workshop" if number % 2 else "seminar")
        session = past_session(course, capacity=people, language="sv" if number % 2 else "fi")
        unit = OrgUnitFactory(organisation=OrganisationFactory(sector="kunta"))
        enrolments = [enrol(session, UserFactory(unit=unit)) for _ in range(people)]
        into_the_past(session)
        present(session, enrolments[: people // 2])


def period(**extra) -> dict[str, str]:
    """A year either side of today: the world's sessions whatever the date the tests run on."""
    today = timezone.localdate()
    one_year = datetime.timedelta(days=365)
    return {"from": (today - one_year).isoformat(), "to": (today + one_year).isoformat(), **extra}
