"""Recording attendance and the completion that follows from it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, make_course, make_session
from tests.training.factories_attendance import past_session, seat
from training.errors import TrainingError
from training.models import Attendance, CompletionRule, Enrolment
from training.services import (
    attendance_mark_all_present,
    attendance_record,
    attendance_sheet_save,
    enrolment_outcome_update,
    session_outcomes_update,
)
from training.services.attendance import Mark
from training.signals import enrolments_completed

pytestmark = pytest.mark.django_db
Present, Partial, Absent = Attendance.Status.PRESENT, Attendance.Status.PARTIAL, Attendance.Status.ABSENT
Outcome = Enrolment.Outcome


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def share_course(programme):
    return make_course(programme, "Vuorovaikutus", completion_rule=CompletionRule.SHARE_OF_HOURS, completion_share=75)


@pytest.fixture
def completions():
    """Enrolment ids as ``enrolments_completed`` reports them, in the order reported."""
    received = []

    def receiver(sender, session, enrolments, **kwargs):
        received.extend(enrolment.pk for enrolment in enrolments)

    enrolments_completed.connect(receiver)
    yield received
    enrolments_completed.disconnect(receiver)


def days_of(session):
    return list(session.days.all())


class TestRecording:
    def test_present_is_recorded_with_its_source_and_recorder(self, course):
        session = past_session(course)
        enrolment, trainer = seat(session), UserFactory()
        row = attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present, recorded_by=trainer)
        assert (row.status, row.minutes, row.source, row.recorded_by) == (Present, None, "sheet", trainer)

    def test_recording_again_updates_the_same_row(self, course):
        session = past_session(course)
        enrolment, day = seat(session), days_of(session)[0]
        attendance_record(enrolment=enrolment, day=day, status=Present)
        attendance_record(enrolment=enrolment, day=day, status=Partial, minutes=120)
        assert list(Attendance.objects.values_list("status", "minutes")) == [(Partial, 120)]

    def test_someone_not_enrolled_cannot_be_marked(self, course):
        session = past_session(course)
        waiting = Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.WAITING)
        with pytest.raises(TrainingError) as error:
            attendance_record(enrolment=waiting, day=days_of(session)[0], status=Present)
        assert error.value.code == "not_enrolled"
        assert not Attendance.objects.exists()

    def test_a_day_of_another_session_is_refused(self, course):
        session, other = past_session(course), past_session(course, days_ago=20)
        with pytest.raises(TrainingError) as error:
            attendance_record(enrolment=seat(session), day=days_of(other)[0], status=Present)
        assert error.value.code == "not_enrolled"

    def test_partial_needs_minutes(self, course):
        session = past_session(course)
        with pytest.raises(TrainingError) as error:
            attendance_record(enrolment=seat(session), day=days_of(session)[0], status=Partial)
        assert error.value.code == "minutes_required"

    @pytest.mark.parametrize("minutes", [0, 361])
    def test_partial_minutes_must_fit_in_the_day(self, course, minutes):
        session = past_session(course)  # 9-15: 360 minutes
        with pytest.raises(TrainingError) as error:
            attendance_record(enrolment=seat(session), day=days_of(session)[0], status=Partial, minutes=minutes)
        assert error.value.code == "minutes_invalid"
        assert "360" in error.value.message

    def test_an_unknown_status_is_refused(self, course):
        session = past_session(course)
        with pytest.raises(TrainingError) as error:
            attendance_record(enrolment=seat(session), day=days_of(session)[0], status="late")
        assert error.value.code == "attendance_status_invalid"

    def test_minutes_given_with_present_are_not_kept(self, course):
        session = past_session(course)
        row = attendance_record(enrolment=seat(session), day=days_of(session)[0], status=Present, minutes=5)
        assert row.minutes is None


class TestCompletionByAllDays:
    def test_present_every_day_completes_on_the_last_day(self, course, completions):
        session = past_session(course, days=2, days_ago=10)
        enrolment = seat(session)
        first, second = days_of(session)
        attendance_record(enrolment=enrolment, day=first, status=Present)
        enrolment.refresh_from_db()
        assert enrolment.outcome == Outcome.INCOMPLETE  # the second day is not marked yet
        attendance_record(enrolment=enrolment, day=second, status=Present)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.completed_on) == (Outcome.COMPLETED, timezone.localdate(second.ends_at))
        assert enrolment.attended_minutes == 720
        assert completions == [enrolment.pk]

    def test_a_partial_day_does_not_satisfy_all_days(self, course):
        session = past_session(course, days=2)
        enrolment = seat(session)
        first, second = days_of(session)
        attendance_record(enrolment=enrolment, day=first, status=Present)
        attendance_record(enrolment=enrolment, day=second, status=Partial, minutes=300)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.attended_minutes, enrolment.completed_on) == (
            Outcome.INCOMPLETE,
            660,
            None,
        )

    def test_nobody_present_on_any_day_is_a_no_show(self, course):
        session = past_session(course, days=2)
        marked, unmarked = seat(session), seat(session)
        for day in days_of(session):
            attendance_record(enrolment=marked, day=day, status=Absent)
        session_outcomes_update(session=session)
        marked.refresh_from_db(), unmarked.refresh_from_db()
        assert (marked.outcome, unmarked.outcome) == (Outcome.NO_SHOW, Outcome.NO_SHOW)

    def test_the_outcome_waits_until_every_day_has_ended(self, course):
        session = make_session(course, days=2, starts_in_days=1)  # the first day may be marked in advance
        enrolment = seat(session)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.attended_minutes) == ("", 360)

    def test_the_signal_is_sent_once_even_when_recomputed(self, course, completions):
        session = past_session(course)
        enrolment = seat(session)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        enrolment_outcome_update(enrolment=enrolment)
        session_outcomes_update(session=session)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        assert completions == [enrolment.pk]

    def test_a_correction_undoes_the_completion(self, course, completions):
        session = past_session(course)
        enrolment = seat(session)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Absent)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.completed_on, enrolment.attended_minutes) == (Outcome.NO_SHOW, None, 0)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        assert completions == [enrolment.pk, enrolment.pk]  # completed again after the correction


class TestCompletionByShareOfHours:
    def test_enough_hours_complete(self, share_course):
        session = past_session(share_course, days=2)  # 720 minutes, 75 % = 540
        enrolment = seat(session)
        first, second = days_of(session)
        attendance_record(enrolment=enrolment, day=first, status=Present)
        attendance_record(enrolment=enrolment, day=second, status=Partial, minutes=180)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.attended_minutes) == (Outcome.COMPLETED, 540)

    def test_too_few_hours_do_not(self, share_course):
        session = past_session(share_course, days=2)
        enrolment = seat(session)
        first, second = days_of(session)
        attendance_record(enrolment=enrolment, day=first, status=Present)
        attendance_record(enrolment=enrolment, day=second, status=Partial, minutes=179)
        enrolment.refresh_from_db()
        assert (enrolment.outcome, enrolment.attended_minutes) == (Outcome.INCOMPLETE, 539)


class TestWholeDay:
    def test_the_sheet_saves_every_mark_at_once(self, course):
        session = past_session(course)
        a, b, c = seat(session), seat(session), seat(session)
        day = days_of(session)[0]
        attendance_sheet_save(
            day=day, marks={a.pk: Mark(Present), b.pk: Mark(Partial, 60), c.pk: Mark(Absent)}, recorded_by=None
        )
        outcomes = dict(Enrolment.objects.values_list("pk", "outcome"))
        assert outcomes == {a.pk: Outcome.COMPLETED, b.pk: Outcome.INCOMPLETE, c.pk: Outcome.NO_SHOW}

    def test_one_bad_mark_saves_nothing(self, course):
        session = past_session(course)
        a, b = seat(session), seat(session)
        with pytest.raises(TrainingError) as error:
            attendance_sheet_save(day=days_of(session)[0], marks={a.pk: Mark(Present), b.pk: Mark(Partial)})
        assert error.value.code == "minutes_required"
        assert not Attendance.objects.exists()

    def test_the_sheet_refuses_an_enrolment_of_another_session(self, course):
        session, other = past_session(course), past_session(course, days_ago=30)
        outsider = seat(other)
        with pytest.raises(TrainingError) as error:
            attendance_sheet_save(day=days_of(session)[0], marks={outsider.pk: Mark(Present)})
        assert error.value.code == "not_enrolled"

    def test_mark_all_present_marks_only_those_not_yet_marked(self, course):
        session = past_session(course)
        day = days_of(session)[0]
        checked_in, absent, partial, unmarked = (seat(session) for _ in range(4))
        cancelled = seat(session, status=Enrolment.Status.CANCELLED)
        waiting = Enrolment.objects.create(session=session, person=UserFactory(), status=Enrolment.Status.WAITING)
        attendance_record(enrolment=checked_in, day=day, status=Present, source=Attendance.Source.CHECK_IN)
        attendance_record(enrolment=absent, day=day, status=Absent)
        attendance_record(enrolment=partial, day=day, status=Partial, minutes=120)
        assert attendance_mark_all_present(day=day) == 1
        rows = {
            row[0]: row[1:] for row in Attendance.objects.values_list("enrolment_id", "status", "minutes", "source")
        }
        assert rows == {
            checked_in.pk: (Present, None, "check_in"),
            absent.pk: (Absent, None, "sheet"),
            partial.pk: (Partial, 120, "sheet"),
            unmarked.pk: (Present, None, "sheet"),
        }
        assert not Attendance.objects.filter(enrolment__in=[waiting, cancelled]).exists()
        completed = set(Enrolment.objects.filter(outcome=Outcome.COMPLETED).values_list("pk", flat=True))
        assert completed == {checked_in.pk, unmarked.pk}

    def test_outcomes_are_computed_when_the_last_day_ends(self, course):
        session = make_session(course, starts_in_days=1)
        enrolment = seat(session)
        attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
        assert Enrolment.objects.get().outcome == ""
        day = days_of(session)[0]
        day.starts_at -= timedelta(days=3)
        day.ends_at -= timedelta(days=3)
        day.save()
        session_outcomes_update(session=session)
        assert Enrolment.objects.get().outcome == Outcome.COMPLETED


def test_a_stale_enrolment_object_does_not_signal_a_completion_twice(course, completions):
    session = past_session(course)
    enrolment = seat(session)
    stale = Enrolment.objects.get(pk=enrolment.pk)
    attendance_record(enrolment=enrolment, day=days_of(session)[0], status=Present)
    enrolment_outcome_update(enrolment=stale)  # still believes the outcome is empty
    assert completions == [enrolment.pk]
    assert stale.outcome == Outcome.COMPLETED
