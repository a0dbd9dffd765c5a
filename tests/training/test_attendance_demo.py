"""The demo's past sessions: believable attendance recorded through the services, and a rerun adds nothing."""

from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from tests.factories import UserFactory, make_course
from training.demo.past import PAST_SESSIONS, build_past_sessions
from training.models import Attendance, Certificate, CourseKind, Enrolment, Session
from training.signals import enrolments_completed

pytestmark = pytest.mark.django_db


@pytest.fixture
def inputs(programme):
    courses = [make_course(programme, f"Kurssi {n}") for n in range(4)]
    courses.append(make_course(programme, "Menetelmä", kind=CourseKind.METHOD_TRAINING, duration_hours=14))
    trainers = [UserFactory(is_trainer=True) for _ in range(3)]
    people = [UserFactory() for _ in range(40)] + trainers
    return courses, people, trainers


@pytest.fixture
def completions():
    received = []

    def receiver(sender, session, enrolments, **kwargs):
        received.extend(enrolment.pk for enrolment in enrolments)

    enrolments_completed.connect(receiver)
    yield received
    enrolments_completed.disconnect(receiver)


def snapshot() -> tuple:
    return (
        list(Session.objects.order_by("pk").values_list("pk", "starts_at")),
        list(Enrolment.objects.order_by("pk").values_list("pk", "outcome", "attended_minutes")),
        list(Attendance.objects.order_by("pk").values_list("pk", "status", "minutes", "source")),
    )


def test_past_sessions_have_believable_attendance_and_outcomes(inputs, completions):
    result = build_past_sessions(*inputs)

    assert result.created == result.sessions == PAST_SESSIONS
    sessions = Session.objects.all()
    now = timezone.now()
    assert all(now - timedelta(days=550) < session.starts_at and session.ends_at < now for session in sessions)
    assert sessions.filter(days__isnull=False).annotate(n=Count("days")).filter(n=2).exists()  # multi-day too
    outcomes = dict(Enrolment.objects.values_list("outcome").annotate(n=Count("pk")))
    assert set(outcomes) == {"completed", "incomplete", "no_show"}
    assert outcomes["completed"] > 3 * (outcomes["incomplete"] + outcomes["no_show"])  # most were there
    sources = set(Attendance.objects.values_list("source", flat=True))
    assert sources == {"sheet", "check_in"}
    assert Attendance.objects.filter(status="partial").exists()
    assert sorted(completions) == sorted(Enrolment.objects.filter(outcome="completed").values_list("pk", flat=True))
    assert result.completed == outcomes["completed"]


def test_a_rerun_changes_nothing(inputs, completions):
    build_past_sessions(*inputs)
    before, sent = snapshot(), len(completions)

    again = build_past_sessions(*inputs)

    assert again.created == 0 and again.sessions == PAST_SESSIONS
    assert snapshot() == before
    assert len(completions) == sent


def test_the_same_inputs_give_the_same_history(inputs):
    build_past_sessions(*inputs)
    first = list(Enrolment.objects.order_by("pk").values_list("person_id", "outcome", "attended_minutes"))
    Attendance.objects.all().delete()
    Certificate.objects.all().delete()
    Enrolment.objects.all().delete()
    Session.objects.all().delete()
    build_past_sessions(*inputs)
    assert list(Enrolment.objects.order_by("pk").values_list("person_id", "outcome", "attended_minutes")) == first
