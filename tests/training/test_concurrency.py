"""Capacity under concurrency, proven on PostgreSQL with real parallel transactions."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from tests.conftest import skip_or_fail
from tests.factories import UserFactory, make_course, make_session
from training.models import Enrolment
from training.selectors import waiting_position
from training.services import enrolment_cancel, enrolment_create
from training.services import enrolments as enrolment_services

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARALLEL = 50
CAPACITY = 10


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        skip_or_fail("concurrency tests need PostgreSQL: run with DATABASE_URL=postgres://...")


def run_together(calls) -> list:
    """Run the callables in parallel threads released at once by a barrier; each closes its connection."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except Exception as error:  # noqa: BLE001 - reported to the test, not swallowed
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def enrol_concurrently(session, people) -> list:
    return run_together(
        [lambda person=person: enrolment_create(session=session, person=person, by=person) for person in people]
    )


def assert_fair_queue(session) -> None:
    enrolments = list(session.enrolments.all())
    confirmed = [e for e in enrolments if e.status == Enrolment.Status.CONFIRMED]
    waiting = [e for e in enrolments if e.status == Enrolment.Status.WAITING]
    assert len(confirmed) == min(session.capacity, len(enrolments))
    assert sorted(waiting_position(e) for e in waiting) == list(range(1, len(waiting) + 1))


@pytest.fixture
def course(home):
    from tests.factories import ProgrammePageFactory

    return make_course(ProgrammePageFactory.create(home), "Perhekeskus tutuksi")


@pytest.mark.parametrize("round_number", range(1, 6))
def test_fifty_concurrent_enrolments_fill_ten_seats_exactly(course, round_number):
    session = make_session(course, capacity=CAPACITY)
    people = [UserFactory() for _ in range(PARALLEL)]

    results = enrol_concurrently(session, people)

    errors = [result for result in results if isinstance(result, Exception)]
    assert errors == []
    assert session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count() == CAPACITY
    assert session.enrolments.filter(status=Enrolment.Status.WAITING).count() == PARALLEL - CAPACITY
    assert_fair_queue(session)


def test_concurrent_duplicate_enrolments_leave_one(course):
    session = make_session(course, capacity=CAPACITY)
    person = UserFactory()
    results = run_together([lambda: enrolment_create(session=session, person=person, by=person)] * 10)
    assert sum(isinstance(result, Enrolment) for result in results) == 1
    assert {result.code for result in results if not isinstance(result, Enrolment)} == {"already_enrolled"}


def test_concurrent_cancellations_promote_exactly_one_person_each(course):
    session = make_session(course, capacity=CAPACITY)
    for _ in range(CAPACITY + 20):
        person = UserFactory()
        enrolment_create(session=session, person=person, by=person)
    leaving = list(session.enrolments.filter(status=Enrolment.Status.CONFIRMED)[:5])
    first_in_line = list(session.enrolments.filter(status=Enrolment.Status.WAITING).order_by("queued_at", "pk")[:5])

    results = run_together([lambda e=e: enrolment_cancel(enrolment=e, by=e.person) for e in leaving])

    assert not [result for result in results if isinstance(result, Exception)]
    confirmed = set(session.enrolments.filter(status=Enrolment.Status.CONFIRMED).values_list("pk", flat=True))
    assert len(confirmed) == CAPACITY
    assert {e.pk for e in first_in_line} <= confirmed
    assert session.enrolments.filter(status=Enrolment.Status.WAITING).count() == 15
    assert_fair_queue(session)


def test_the_harness_catches_the_race_when_the_lock_is_off(course, monkeypatch):
    """Control: without the row lock, counting and inserting interleave and the session overbooks."""
    monkeypatch.setattr(enrolment_services, "USE_ROW_LOCK", False)
    real_seat_or_queue = enrolment_services._seat_or_queue

    def slow_seat_or_queue(session):
        decision = real_seat_or_queue(session)
        time.sleep(0.05)  # widen the window between the count and the insert
        return decision

    monkeypatch.setattr(enrolment_services, "_seat_or_queue", slow_seat_or_queue)
    session = make_session(course, capacity=CAPACITY)

    enrol_concurrently(session, [UserFactory() for _ in range(PARALLEL)])

    assert session.enrolments.filter(status=Enrolment.Status.CONFIRMED).count() > CAPACITY
