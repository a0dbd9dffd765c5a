"""Demo past sessions: a dozen sessions over the last eighteen months with believable attendance.

Most participants were there, some left early or missed a day, a few never came. Attendance is
recorded through the services (self check-in on the first day of recent sessions, the sheet for
the rest), so outcomes are computed and ``enrolments_completed`` is sent as in real use.

A rerun adds nothing: a course that already has as many past sessions with attendance as its
slots here is left alone, whatever day the rerun happens on.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from people.models import User
from training.models import Attendance, CourseKind, CoursePage, Enrolment, Session, SessionDay
from training.services.attendance import Mark, attendance_sheet_save, day_minutes
from training.services.check_in import check_in_complete, check_in_open

from .sessions import HELSINKI, ONLINE, PLACES, _days
from .staff import EMAIL_DOMAIN

PAST_SESSIONS = 12
FIRST_WEEKS_AGO = 3
WEEKS_BETWEEN = 6  # 3 to 69 weeks ago: about sixteen months
CHECK_IN_WITHIN_WEEKS = 30  # self check-in came into use on the recent sessions' first days
DEMO_TRAINER = f"kouluttaja@{EMAIL_DOMAIN}"
DEMO_STAFF = f"tyontekija@{EMAIL_DOMAIN}"
# The demo staff login's own history, by the sessions they took part in: one of each outcome.
STAFF_PATTERN = ("present", "partial", "present", "absent")


@dataclass
class PastSessionsResult:
    sessions: int
    created: int
    enrolments: int
    completed: int


def _this_monday() -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday())


def _slots(courses: list[CoursePage]) -> list[tuple[int, CoursePage, int]]:
    """(slot number, course, the course's own slot number) for each past session to have."""
    slots, per_course = [], {}
    for number in range(PAST_SESSIONS):
        course = courses[(number * 7) % len(courses)]  # 7 is coprime with the 15 demo courses: all differ
        per_course[course.pk] = per_course.get(course.pk, -1) + 1
        slots.append((number, course, per_course[course.pk]))
    return slots


def _existing(courses: list[CoursePage]) -> dict[int, int]:
    """Past sessions with recorded attendance per course."""
    rows = (
        Session.objects.filter(course__in=courses, ends_at__lt=timezone.now(), days__attendances__isnull=False)
        .values_list("pk", "course_id")
        .distinct()
    )
    counts: dict[int, int] = {}
    for _session_id, course_id in rows:
        counts[course_id] = counts.get(course_id, 0) + 1
    return counts


def _create_session(rng: random.Random, number: int, course: CoursePage, trainers: list[User]) -> Session:
    weeks_ago = FIRST_WEEKS_AGO + number * WEEKS_BETWEEN
    first_day = _this_monday() - timedelta(weeks=weeks_ago) + timedelta(days=number % 4)
    starts = datetime.combine(first_day, time(9), HELSINKI)
    place, address = PLACES[number % len(PLACES)]
    online = course.kind in (CourseKind.SEMINAR, CourseKind.ELEARNING)
    session = Session.objects.create(
        course=course,
        place_name="" if course.kind == CourseKind.ELEARNING else place,
        place_address="" if course.kind == CourseKind.ELEARNING else address,
        online_url=ONLINE if online else "",
        capacity=rng.choice([16, 20, 24, 30]),
        cancellation_deadline=starts - timedelta(days=7),
        enrolment_closes_at=starts - timedelta(days=3),
        status=Session.Status.COMPLETED,
    )
    days = _days(course)
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        SessionDay.objects.create(
            session=session,
            starts_at=datetime.combine(day, time(9), HELSINKI),
            ends_at=datetime.combine(day, time(15, 30) if days > 1 else time(12), HELSINKI),
        )
    session.save()
    demo_trainer = next((person for person in trainers if person.email == DEMO_TRAINER), None)
    chosen = rng.sample(trainers, k=min(2, len(trainers)))
    if demo_trainer is not None and number % 3 == 0 and demo_trainer not in chosen:
        chosen[0] = demo_trainer
    session.trainers.set(chosen)
    return session


def _enrol(rng: random.Random, session: Session, people: list[User], staff_member: User | None) -> list[Enrolment]:
    trainer_ids = set(session.trainers.values_list("pk", flat=True))
    candidates = [person for person in people if person.pk not in trainer_ids and person != staff_member]
    wanted = min(session.capacity - rng.randint(0, 4), len(candidates))
    chosen = rng.sample(candidates, k=wanted)
    if staff_member is not None:
        chosen[-1] = staff_member
    queued = session.starts_at - timedelta(days=30)
    return Enrolment.objects.bulk_create(
        Enrolment(
            session=session,
            person=person,
            status=Enrolment.Status.CONFIRMED,
            queued_at=queued + timedelta(minutes=order * 37),
        )
        for order, person in enumerate(chosen)
    )


def _marks(rng: random.Random, enrolment: Enrolment, days: list[SessionDay], pattern: str | None) -> list[Mark]:
    """One mark per day: most present, some partly, a few absent on a day or on every day."""
    roll = rng.random()
    kind = pattern or (
        "absent" if roll < 0.06 else "partial" if roll < 0.17 else "missed_day" if roll < 0.23 else "present"
    )
    marks = [Mark(Attendance.Status.PRESENT) for _ in days]
    if kind == "absent":
        marks = [Mark(Attendance.Status.ABSENT) for _ in days]
    elif kind == "partial":
        index = rng.randrange(len(days))
        minutes = day_minutes(days[index]) - rng.choice([45, 60, 90, 120])
        marks[index] = Mark(Attendance.Status.PARTIAL, max(minutes, 30))
    elif kind == "missed_day" and len(days) > 1:
        marks[rng.randrange(len(days))] = Mark(Attendance.Status.ABSENT)
    return marks


def _record(rng: random.Random, session: Session, enrolments: list[Enrolment], staff_member, staff_count) -> None:
    days = list(session.days.all())
    trainer = session.trainers.first()
    by_day: list[dict[int, Mark]] = [{} for _ in days]
    for enrolment in enrolments:
        pattern = None
        if staff_member is not None and enrolment.person_id == staff_member.pk:
            pattern = STAFF_PATTERN[staff_count % len(STAFF_PATTERN)]
        for index, mark in enumerate(_marks(rng, enrolment, days, pattern)):
            by_day[index][enrolment.pk] = mark
    recent = session.starts_at >= timezone.now() - timedelta(weeks=CHECK_IN_WITHIN_WEEKS)
    if recent:
        # Those present on the first day mostly checked themselves in on arrival.
        code = check_in_open(day=days[0], opened_by=trainer).code
        arrival = days[0].starts_at - timedelta(minutes=10)
        people = {enrolment.pk: enrolment.person for enrolment in enrolments}
        for enrolment_id, mark in list(by_day[0].items()):
            if mark.status == Attendance.Status.PRESENT and rng.random() < 0.7:
                check_in_complete(code=code, person=people[enrolment_id], now=arrival)
                del by_day[0][enrolment_id]
    for day, marks in zip(days, by_day, strict=True):
        if marks:
            attendance_sheet_save(day=day, marks=marks, recorded_by=trainer)


def build_past_sessions(courses: list[CoursePage], people: list[User], trainers: list[User]) -> PastSessionsResult:
    rng = random.Random("perhekeskus-demo:past-sessions")
    if not courses or not people or not trainers:
        return PastSessionsResult(0, 0, 0, 0)
    existing = _existing(courses)
    staff_member = next((person for person in people if person.email == DEMO_STAFF), None)
    created = enrolled = staff_count = 0
    for number, course, course_slot in _slots(courses):
        # The same draws on every run, whether the slot is created or not, keep the result stable.
        slot_rng = random.Random(f"{rng.random()}:{number}")
        if course_slot < existing.get(course.pk, 0):
            continue
        session = _create_session(slot_rng, number, course, trainers)
        with_staff = staff_member if number % 3 == 1 else None
        enrolments = _enrol(slot_rng, session, people, with_staff)
        _record(slot_rng, session, enrolments, with_staff, staff_count)
        staff_count += with_staff is not None
        created += 1
        enrolled += len(enrolments)
    past = Session.objects.filter(course__in=courses, ends_at__lt=timezone.now(), days__attendances__isnull=False)
    completed = Enrolment.objects.filter(session__in=past.values("pk"), outcome=Enrolment.Outcome.COMPLETED).count()
    return PastSessionsResult(
        sessions=past.distinct().count(), created=created, enrolments=enrolled, completed=completed
    )
