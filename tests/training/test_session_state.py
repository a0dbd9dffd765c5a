"""Where a session stands, as shown: its status and the clock, before the closing job has run."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_attendance import session_today
from training.models import Enrolment, Session

pytestmark = pytest.mark.django_db

State = Session.State


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    return make_session(
        course,
        starts_in_days=14,
        enrolment_opens_at=timezone.now() + timedelta(days=2),
        enrolment_closes_at=timezone.now() + timedelta(days=7),
    )


def test_an_open_session_moves_through_its_states_with_the_clock(session):
    now = timezone.now()
    assert session.state_at(now) == State.ENROLMENT_NOT_OPEN_YET
    assert session.state_at(now + timedelta(days=3)) == State.OPEN
    assert session.state_at(now + timedelta(days=8)) == State.ENROLMENT_CLOSED
    assert session.state_at(session.starts_at) == State.IN_PROGRESS
    assert session.state_at(session.ends_at) == State.ENDED


def test_a_planned_session_is_planned_until_it_starts(session):
    session.status = Session.Status.PLANNED
    assert session.state_at(timezone.now() + timedelta(days=3)) == State.PLANNED
    assert session.state_at(session.starts_at + timedelta(minutes=1)) == State.IN_PROGRESS


@pytest.mark.parametrize("status", [Session.Status.CANCELLED, Session.Status.COMPLETED])
def test_cancelled_and_completed_stay_so_whatever_the_time(session, status):
    session.status = status
    for moment in (timezone.now(), session.starts_at, session.ends_at + timedelta(days=1)):
        assert session.state_at(moment) == State(status)


def test_a_session_without_days_is_planned(course):
    # Nobody can enrol before it has days (Session.enrolment_refusal), whatever its status says.
    session = Session.objects.create(course=course, capacity=5)
    assert (session.status, session.state) == (Session.Status.OPEN, State.PLANNED)


@pytest.fixture
def started(course):
    """Status still "open": the closing job runs only after the last day."""
    session = session_today(course, start=time(0, 0), end=time(23, 59))
    assert session.status == Session.Status.OPEN
    return session


@pytest.fixture
def organiser(client, started):
    trainer = UserFactory(is_trainer=True)
    started.trainers.add(trainer)
    client.force_login(trainer)
    return client


def organiser_url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(f"training:{name}", args=args)


@pytest.mark.parametrize("name", ["organiser_sessions", "organiser_session"])
def test_the_organiser_pages_say_in_progress_not_open_for_enrolment(organiser, started, name):
    address = organiser_url(name, *([started.pk] if name == "organiser_session" else []))
    content = organiser.get(address).content.decode()
    assert "In progress" in content
    assert "Open for enrolment" not in content


def test_the_organiser_list_says_ended_before_the_closing_job(organiser, started):
    Session.objects.filter(pk=started.pk).update(
        starts_at=timezone.now() - timedelta(days=1, hours=6), ends_at=timezone.now() - timedelta(days=1)
    )
    content = organiser.get(organiser_url("organiser_sessions")).content.decode()
    assert "<td>Ended</td>" in content


def test_finnish_tells_a_held_session_from_a_completed_course():
    # One English word, two Finnish ones: a session takes place, a person completes the course.
    with translation.override("fi"):
        assert str(Session.Status.COMPLETED.label) != str(Enrolment.Outcome.COMPLETED.label)
