"""Demo sessions: a few upcoming sessions per Finnish course, partly full, some with a waiting list.

Sessions are keyed by (course, first day) and their days are fixed relative to a Monday, so a
rerun on the same week finds them again; enrolments are added only to sessions that have none,
never past a session's capacity, in first-come order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from people.models import User
from training.models import CourseKind, CoursePage, Enrolment, Session, SessionDay

HELSINKI = ZoneInfo("Europe/Helsinki")
PLACES = [
    ("Perhekeskus Kuopio, Kallavesi-sali", "Minna Canthin katu 22, 70100 Kuopio"),
    ("Iisalmen kulttuurikeskus, Kaarlo-sali", "Kirkkopuistonkatu 9, 74100 Iisalmi"),
    ("Varkauden perhekeskus, neuvotteluhuone Taipale", "Savontie 2, 78200 Varkaus"),
    ("Siilinjärven kunnantalo, valtuustosali", "Kasurilantie 1, 71800 Siilinjärvi"),
]
ONLINE = "https://teams.example.fi/perhekeskus-koulutus"


@dataclass
class SessionsResult:
    sessions: int
    created: int
    enrolments: int


def _first_monday() -> date:
    today = timezone.localdate()
    return today + timedelta(days=7 - today.weekday())


def _days(course: CoursePage) -> int:
    if course.kind == CourseKind.METHOD_TRAINING and course.duration_hours >= 12:
        return 2
    return 1


def build_sessions(courses: list[CoursePage], people: list[User], trainers: list[User]) -> SessionsResult:
    rng = random.Random("perhekeskus-demo:sessions")
    monday = _first_monday()
    created = enrolled = 0
    sessions = []
    for index, course in enumerate(courses):
        for run in range(2):
            first_day = monday + timedelta(weeks=2 + run * 5 + index % 4, days=index % 3)
            starts = datetime.combine(first_day, time(9), HELSINKI)
            session = Session.objects.filter(course=course, starts_at=starts).first()
            if session is None:
                place, address = PLACES[(index + run) % len(PLACES)]
                online = course.kind in (CourseKind.SEMINAR, CourseKind.ELEARNING)
                session = Session.objects.create(
                    course=course,
                    place_name="" if course.kind == CourseKind.ELEARNING else place,
                    place_address="" if course.kind == CourseKind.ELEARNING else address,
                    online_url=ONLINE if online else "",
                    capacity=rng.choice([12, 16, 20, 25, 30]),
                    cancellation_deadline=starts - timedelta(days=7),
                    enrolment_closes_at=starts - timedelta(days=3),
                    status=Session.Status.OPEN,
                )
                for offset in range(_days(course)):
                    day = first_day + timedelta(days=offset)
                    SessionDay.objects.create(
                        session=session,
                        starts_at=datetime.combine(day, time(9), HELSINKI),
                        ends_at=datetime.combine(day, time(15, 30) if _days(course) > 1 else time(12), HELSINKI),
                    )
                session.save()
                session.trainers.set(rng.sample(trainers, k=min(2, len(trainers))))
                created += 1
            sessions.append(session)
    counted = Session.objects.filter(pk__in=[s.pk for s in sessions]).annotate(n=Count("enrolments"))
    empty = {session.pk for session in counted if session.n == 0}
    new_enrolments = []
    now = timezone.now()
    for number, session in enumerate(s for s in sessions if s.pk in empty):
        # Every third session fills up and gets a waiting list; the rest are half full.
        wanted = session.capacity + 4 if number % 3 == 0 else session.capacity // 2
        for order, person in enumerate(rng.sample(people, k=min(wanted, len(people)))):
            status = Enrolment.Status.CONFIRMED if order < session.capacity else Enrolment.Status.WAITING
            if session.course.requires_manager_approval and order % 5 == 4:
                status = Enrolment.Status.AWAITING_APPROVAL
            new_enrolments.append(
                Enrolment(session=session, person=person, status=status, queued_at=now + timedelta(seconds=order))
            )
    Enrolment.objects.bulk_create(new_enrolments)
    enrolled = len(new_enrolments)
    return SessionsResult(sessions=len(sessions), created=created, enrolments=enrolled)
