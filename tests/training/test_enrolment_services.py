"""Enrolment services: capacity, the waiting list first come first served, approvals and moves."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_course, make_session
from training.errors import TrainingError
from training.models import Enrolment, Session
from training.selectors import waiting_position
from training.services import (
    enrolment_approve,
    enrolment_cancel,
    enrolment_create,
    enrolment_decline,
    enrolment_move,
    session_cancel,
    session_set_capacity,
)

pytestmark = pytest.mark.django_db
Status = Enrolment.Status


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi")


@pytest.fixture
def session(course):
    return make_session(course, capacity=2)


def statuses(session) -> list[str]:
    return list(session.enrolments.order_by("pk").values_list("status", flat=True))


def test_session_span_follows_its_days(course):
    session = make_session(course, days=3)
    first, last = session.days.first(), session.days.last()
    assert (session.starts_at, session.ends_at) == (first.starts_at, last.ends_at)


class TestCapacityAndWaitingList:
    def test_it_confirms_until_full_then_queues_in_order(self, session):
        people = [UserFactory() for _ in range(5)]
        enrolments = [enrol(session, person) for person in people]
        assert [e.status for e in enrolments] == ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
        assert [waiting_position(e) for e in enrolments[2:]] == [1, 2, 3]

    def test_it_promotes_first_in_line_when_a_seat_frees(self, session):
        first, _second, queued_1, queued_2 = (enrol(session) for _ in range(4))
        enrolment_cancel(enrolment=first, by=first.person)
        queued_1.refresh_from_db()
        queued_2.refresh_from_db()
        assert queued_1.status == Status.CONFIRMED
        assert queued_2.status == Status.WAITING and waiting_position(queued_2) == 1

    def test_cancelling_from_the_waiting_list_promotes_nobody(self, session):
        enrol(session), enrol(session)
        queued_1, queued_2 = enrol(session), enrol(session)
        enrolment_cancel(enrolment=queued_1, by=queued_1.person)
        queued_2.refresh_from_db()
        assert queued_2.status == Status.WAITING and waiting_position(queued_2) == 1
        assert session.enrolments.filter(status=Status.CONFIRMED).count() == 2

    def test_raising_capacity_promotes_people_in_line(self, session):
        for _ in range(5):
            enrol(session)
        session_set_capacity(session=session, capacity=4, by=UserFactory())
        assert statuses(session) == ["confirmed"] * 4 + ["waiting"]

    def test_capacity_cannot_go_below_the_confirmed_count(self, session):
        enrol(session), enrol(session)
        with pytest.raises(TrainingError) as error:
            session_set_capacity(session=session, capacity=1, by=UserFactory())
        assert error.value.code == "capacity_below_confirmed"
        assert "2" in error.value.message
        session.refresh_from_db()
        assert session.capacity == 2

    def test_one_active_enrolment_per_person_and_session(self, session):
        person = UserFactory()
        enrol(session, person)
        with pytest.raises(TrainingError) as error:
            enrol(session, person)
        assert error.value.code == "already_enrolled"

    def test_the_database_refuses_a_second_active_enrolment(self, session):
        person = UserFactory()
        Enrolment.objects.create(session=session, person=person, status=Status.WAITING)
        with pytest.raises(IntegrityError):
            Enrolment.objects.create(session=session, person=person, status=Status.CONFIRMED)

    def test_a_person_can_enrol_again_after_cancelling(self, session):
        person = UserFactory()
        enrolment_cancel(enrolment=enrol(session, person), by=person)
        assert enrol(session, person).status == Status.CONFIRMED


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "code"),
        [
            ({"status": Session.Status.CANCELLED}, "session_cancelled"),
            ({"status": Session.Status.PLANNED}, "session_not_open"),
            ({"enrolment_closes_at": timezone.now() - timedelta(hours=1)}, "enrolment_closed"),
            ({"enrolment_opens_at": timezone.now() + timedelta(days=1)}, "enrolment_not_open_yet"),
        ],
    )
    def test_closed_sessions_refuse_enrolment(self, session, change, code):
        Session.objects.filter(pk=session.pk).update(**change)
        session.refresh_from_db()
        with pytest.raises(TrainingError) as error:
            enrol(session)
        assert error.value.code == code
        assert not session.enrolments.exists()

    def test_past_sessions_refuse_enrolment(self, course):
        past = make_session(course, starts_in_days=-3)
        with pytest.raises(TrainingError) as error:
            enrol(past)
        assert error.value.code == "session_started"

    def test_cancelling_after_the_deadline_is_refused(self, session):
        enrolment = enrol(session)
        Session.objects.filter(pk=session.pk).update(cancellation_deadline=timezone.now() - timedelta(minutes=1))
        with pytest.raises(TrainingError) as error:
            enrolment_cancel(enrolment=enrolment, by=enrolment.person)
        assert error.value.code == "cancellation_deadline_passed"
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CONFIRMED

    def test_organiser_may_cancel_after_the_deadline(self, session):
        enrolment = enrol(session)
        Session.objects.filter(pk=session.pk).update(cancellation_deadline=timezone.now() - timedelta(minutes=1))
        enrolment_cancel(enrolment=enrolment, by=UserFactory(is_trainer=True))
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CANCELLED

    def test_cancelling_twice_is_refused(self, session):
        enrolment = enrol(session)
        enrolment_cancel(enrolment=enrolment, by=enrolment.person)
        with pytest.raises(TrainingError) as error:
            enrolment_cancel(enrolment=enrolment, by=enrolment.person)
        assert error.value.code == "not_active"


class TestManagerApproval:
    @pytest.fixture
    def approval_session(self, programme):
        return make_session(make_course(programme, "Ihmeelliset vuodet", requires_manager_approval=True), capacity=1)

    def test_request_holds_no_seat(self, approval_session):
        request = enrol(approval_session)
        assert request.status == Status.AWAITING_APPROVAL
        other = enrol(approval_session)
        assert other.status == Status.AWAITING_APPROVAL
        assert not approval_session.enrolments.filter(status=Status.CONFIRMED).exists()

    def test_approval_takes_a_free_seat_then_the_waiting_list(self, approval_session):
        first, second = enrol(approval_session), enrol(approval_session)
        manager = UserFactory()
        assert enrolment_approve(enrolment=second, by=manager).status == Status.CONFIRMED
        assert enrolment_approve(enrolment=first, by=manager).status == Status.WAITING

    def test_decline_needs_a_reason_and_frees_nothing(self, approval_session):
        request = enrol(approval_session)
        with pytest.raises(TrainingError) as error:
            enrolment_decline(enrolment=request, by=UserFactory(), reason=" ")
        assert error.value.code == "reason_required"
        declined = enrolment_decline(enrolment=request, by=UserFactory(), reason="Ei resursseja keväällä.")
        assert declined.status == Status.DECLINED

    def test_deciding_twice_is_refused(self, approval_session):
        request = enrol(approval_session)
        enrolment_approve(enrolment=request, by=UserFactory())
        with pytest.raises(TrainingError) as error:
            enrolment_approve(enrolment=request, by=UserFactory())
        assert error.value.code == "not_awaiting_approval"

    def test_organiser_adding_a_participant_skips_approval(self, approval_session):
        organiser = UserFactory(is_trainer=True)
        added = enrolment_create(session=approval_session, person=UserFactory(), by=organiser)
        assert added.status == Status.CONFIRMED


class TestMoveAndCancelSession:
    def test_moving_frees_the_seat_for_the_next_in_line(self, course, session):
        other = make_session(course, capacity=5, starts_in_days=30)
        mover, _stay, queued = enrol(session), enrol(session), enrol(session)
        moved = enrolment_move(enrolment=mover, to_session=other, by=UserFactory(is_trainer=True))
        queued.refresh_from_db()
        mover.refresh_from_db()
        assert (mover.status, moved.status, moved.session) == (Status.MOVED, Status.CONFIRMED, other)
        assert queued.status == Status.CONFIRMED

    def test_moving_to_another_course_is_refused(self, programme, session):
        elsewhere = make_session(make_course(programme, "Neuvokas perhe"))
        with pytest.raises(TrainingError) as error:
            enrolment_move(enrolment=enrol(session), to_session=elsewhere, by=UserFactory())
        assert error.value.code == "other_course"

    def test_cancelling_a_session_ends_every_active_enrolment(self, session):
        for _ in range(3):
            enrol(session)
        session_cancel(session=session, reason="Kouluttaja sairastui.", by=UserFactory(is_trainer=True))
        session.refresh_from_db()
        assert session.status == Session.Status.CANCELLED
        assert statuses(session) == ["cancelled"] * 3
        assert set(session.enrolments.values_list("decision_reason", flat=True)) == {"Kouluttaja sairastui."}


def test_calendar_sequence_grows_with_every_change(session):
    first, _second, queued = enrol(session), enrol(session), enrol(session)
    assert queued.calendar_sequence == 0
    enrolment_cancel(enrolment=first, by=first.person)
    queued.refresh_from_db()
    assert queued.calendar_sequence == 1


def test_approving_after_the_session_started_is_refused(programme):
    session = make_session(make_course(programme, "Vahvuutta vanhemmuuteen", requires_manager_approval=True))
    request = enrol(session)
    Session.objects.filter(pk=session.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(TrainingError) as error:
        enrolment_approve(enrolment=request, by=UserFactory())
    assert error.value.code == "session_started"


def test_capacity_of_a_cancelled_session_cannot_change(session):
    session_cancel(session=session, reason="Peruttu.", by=UserFactory())
    with pytest.raises(TrainingError) as error:
        session_set_capacity(session=session, capacity=5, by=UserFactory())
    assert error.value.code == "session_cancelled"


def test_a_session_with_enrolments_cannot_be_deleted(session):
    from django.db.models import ProtectedError

    enrol(session)
    with pytest.raises(ProtectedError):
        session.delete()


def test_the_service_returns_the_waiting_list_position_it_decided(course):
    session = make_session(course, capacity=1)
    seated = enrolment_create(session=session, person=UserFactory())
    first = enrolment_create(session=session, person=UserFactory())
    second = enrolment_create(session=session, person=UserFactory())
    assert (seated.queue_position, first.queue_position, second.queue_position) == (None, 1, 2)
    assert [waiting_position(enrolment) for enrolment in (first, second)] == [1, 2]


def test_approving_into_a_full_session_returns_the_place_in_line(programme):
    course = make_course(programme, "Verkostojohtaminen", requires_manager_approval=True)
    session = make_session(course, capacity=1)
    organiser = UserFactory(is_trainer=True)
    enrolment_create(session=session, person=UserFactory(), by=organiser)  # an organiser skips approval
    request = enrol(session)
    assert (request.status, request.queue_position) == (Status.AWAITING_APPROVAL, None)
    approved = enrolment_approve(enrolment=request, by=UserFactory())
    assert (approved.status, approved.queue_position) == (Status.WAITING, 1)
