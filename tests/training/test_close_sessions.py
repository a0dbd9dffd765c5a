"""Sessions whose last day has ended get their outcomes settled (close_sessions / run_schedule)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tests.factories import make_course
from tests.training.factories_attendance import past_session, seat, session_today
from training.models import Attendance, Certificate, Enrolment, Session
from training.services import sessions_close_ended

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


def test_a_checked_in_session_completes_after_its_last_day(course):
    session = session_today(course)
    there, away = seat(session), seat(session)
    day = session.days.get()
    Attendance.objects.create(enrolment=there, day=day, status=Attendance.Status.PRESENT)
    assert sessions_close_ended(now=day.starts_at + timedelta(hours=1)) == 0  # still going on
    assert sessions_close_ended(now=day.ends_at + timedelta(minutes=1)) == 1
    there.refresh_from_db()
    away.refresh_from_db()
    assert (there.outcome, away.outcome) == (Enrolment.Outcome.COMPLETED, Enrolment.Outcome.NO_SHOW)
    assert Certificate.objects.filter(enrolment=there).exists()
    assert Session.objects.get(pk=session.pk).status == Session.Status.COMPLETED


def test_a_session_without_any_attendance_waits_for_the_trainer(course):
    session = past_session(course)
    enrolment = seat(session)
    assert sessions_close_ended() == 0
    enrolment.refresh_from_db()
    assert enrolment.outcome == ""
    assert Session.objects.get(pk=session.pk).status == Session.Status.OPEN


def test_closing_again_changes_nothing(course):
    session = past_session(course)
    Attendance.objects.create(enrolment=seat(session), day=session.days.get(), status=Attendance.Status.PRESENT)
    assert sessions_close_ended() == 1
    assert sessions_close_ended() == 0
    assert Certificate.objects.count() == 1


def test_cancelled_sessions_are_left_alone(course):
    session = past_session(course)
    Attendance.objects.create(enrolment=seat(session), day=session.days.get(), status=Attendance.Status.PRESENT)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    assert sessions_close_ended() == 0


def test_the_schedule_runs_every_job_once(course):
    session = past_session(course)
    Attendance.objects.create(enrolment=seat(session), day=session.days.get(), status=Attendance.Status.PRESENT)
    out = StringIO()
    call_command("run_schedule", "--once", stdout=out)
    # Outcomes first, so the person who attended is asked for feedback in the same round.
    assert "Closed 1 session." in out.getvalue()
    assert "Sent 1 feedback request." in out.getvalue()
