"""The organiser's changes to a session: adding, removing and moving participants, the capacity, cancelling it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_course, make_session
from tests.training import test_organiser_views as base
from tests.training.test_organiser_views import Status, shown_messages, text, url
from training.models import Session

pytestmark = pytest.mark.django_db
course = base.course
trainer = base.trainer
session = base.session
other_trainer = base.other_trainer
coordinator = base.coordinator
as_trainer = base.as_trainer
sent = base.sent


class TestAddParticipant:
    def test_it_gives_a_seat_when_there_is_one(self, as_trainer, session, sent, django_capture_on_commit_callbacks):
        person = UserFactory(email="anna.aalto@example.fi")
        with django_capture_on_commit_callbacks(execute=True):
            response = as_trainer.post(
                url("organiser_participant_add", session.pk), {"add-email": "Anna.Aalto@example.fi"}, follow=True
            )
        enrolment = session.enrolments.get(person=person)
        assert enrolment.status == Status.CONFIRMED
        assert f"{person} now has a seat in this session." in shown_messages(response)
        assert sent == [("confirmed", enrolment.pk)]

    def test_it_skips_the_managers_approval(self, as_trainer, session, course):
        course.requires_manager_approval = True
        course.save()
        person = UserFactory()
        as_trainer.post(url("organiser_participant_add", session.pk), {"add-email": person.email})
        assert session.enrolments.get(person=person).status == Status.CONFIRMED

    def test_a_full_session_puts_them_on_the_waiting_list(self, as_trainer, session):
        enrol(session), enrol(session)
        person = UserFactory()
        response = as_trainer.post(
            url("organiser_participant_add", session.pk), {"add-email": person.email}, follow=True
        )
        assert session.enrolments.get(person=person).status == Status.WAITING
        assert f"The session is full: {person} is on the waiting list." in shown_messages(response)
        assert session.enrolments.filter(status=Status.CONFIRMED).count() == 2

    def test_an_unknown_email_is_a_form_error_that_keeps_the_input(self, as_trainer, session):
        response = as_trainer.post(url("organiser_participant_add", session.pk), {"add-email": "nobody@example.fi"})
        assert response.status_code == 200
        form = response.context["add_form"]
        assert form.errors["email"] == [
            "Nobody with an active account has the email address nobody@example.fi. Check the address."
        ]
        page = text(response)
        assert 'value="nobody@example.fi"' in page
        assert 'aria-describedby="id_add-email_helptext id_add-email_error"' in page
        assert 'id="id_add-email_error"' in page
        assert session.enrolments.count() == 0

    def test_an_inactive_account_is_not_found(self, as_trainer, session):
        person = UserFactory(is_active=False)
        response = as_trainer.post(url("organiser_participant_add", session.pk), {"add-email": person.email})
        assert "email" in response.context["add_form"].errors
        assert session.enrolments.count() == 0

    def test_someone_already_enrolled_gets_a_clear_error(self, as_trainer, session):
        enrolment = enrol(session)
        response = as_trainer.post(url("organiser_participant_add", session.pk), {"add-email": enrolment.person.email})
        assert response.context["add_form"].errors["email"] == [
            "This person is already enrolled in this session or on its waiting list."
        ]
        assert session.enrolments.count() == 1


class TestRemoveParticipant:
    def test_it_asks_for_confirmation_first(self, as_trainer, session):
        enrolment = enrol(session)
        response = as_trainer.get(url("organiser_participant_remove", session.pk, enrolment.pk))
        assert response.status_code == 200
        assert f"Remove {enrolment.person} from the session?" in text(response)
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CONFIRMED

    def test_removing_promotes_the_first_in_line_and_says_so(self, as_trainer, session):
        leaving, _staying = enrol(session), enrol(session)
        first_in_line, second_in_line = enrol(session), enrol(session)
        response = as_trainer.post(
            url("organiser_participant_remove", session.pk, leaving.pk), {"remove-reason": "Ei pääse."}, follow=True
        )
        leaving.refresh_from_db()
        first_in_line.refresh_from_db()
        second_in_line.refresh_from_db()
        assert (leaving.status, leaving.decision_reason) == (Status.CANCELLED, "Ei pääse.")
        assert first_in_line.status == Status.CONFIRMED
        assert second_in_line.status == Status.WAITING
        assert shown_messages(response) == [
            f"{leaving.person} was removed from the session.",
            f"Promoted from the waiting list to a seat: {first_in_line.person}.",
        ]
        assert [e.position for e in response.context["roster"].waiting] == [1]

    def test_organiser_removes_after_the_cancellation_deadline(self, as_trainer, session):
        session.cancellation_deadline = timezone.now() - timedelta(days=1)
        session.save()
        enrolment = enrol(session)
        as_trainer.post(url("organiser_participant_remove", session.pk, enrolment.pk))
        enrolment.refresh_from_db()
        assert enrolment.status == Status.CANCELLED

    def test_removing_twice_says_the_enrolment_is_no_longer_active(self, as_trainer, session):
        enrolment = enrol(session)
        as_trainer.post(url("organiser_participant_remove", session.pk, enrolment.pk))
        response = as_trainer.post(url("organiser_participant_remove", session.pk, enrolment.pk), follow=True)
        assert shown_messages(response)[-1] == "This enrolment is no longer active."


class TestMoveParticipant:
    def test_it_offers_the_other_open_sessions_of_the_course_the_trainer_organises(
        self, as_trainer, session, course, programme, trainer, other_trainer
    ):
        later = make_session(course, starts_in_days=30)
        for other in (
            later,
            make_session(course, starts_in_days=40, status=Session.Status.CANCELLED),
            make_session(make_course(programme, "MARAK")),
        ):
            other.trainers.add(trainer)
        enrolment = enrol(session)
        response = as_trainer.get(url("organiser_participant_move", session.pk, enrolment.pk))
        assert list(response.context["form"].fields["to_session"].queryset) == [later]

    def test_moving_frees_the_seat_for_the_first_in_line(self, as_trainer, session, course, trainer):
        later = make_session(course, starts_in_days=30)
        later.trainers.add(trainer)
        moving, _other = enrol(session), enrol(session)
        first_in_line = enrol(session)
        response = as_trainer.post(
            url("organiser_participant_move", session.pk, moving.pk), {"move-to_session": later.pk}, follow=True
        )
        assert later.enrolments.get(person=moving.person).status == Status.CONFIRMED
        moving.refresh_from_db()
        first_in_line.refresh_from_db()
        assert (moving.status, first_in_line.status) == (Status.MOVED, Status.CONFIRMED)
        assert f"{moving.person} was moved to the session {later}." in shown_messages(response)
        assert f"Promoted from the waiting list to a seat: {first_in_line.person}." in shown_messages(response)

    def test_a_session_of_another_course_cannot_be_chosen(self, as_trainer, session, programme, trainer):
        elsewhere = make_session(make_course(programme, "MARAK"))
        elsewhere.trainers.add(trainer)
        moving = enrol(session)
        response = as_trainer.post(
            url("organiser_participant_move", session.pk, moving.pk), {"move-to_session": elsewhere.pk}
        )
        assert response.status_code == 200
        assert "to_session" in response.context["form"].errors
        moving.refresh_from_db()
        assert moving.status == Status.CONFIRMED

    def test_someone_already_in_the_target_session_gets_a_clear_error(self, as_trainer, session, course, trainer):
        later = make_session(course, starts_in_days=30)
        later.trainers.add(trainer)
        moving = enrol(session)
        enrol(later, moving.person)
        response = as_trainer.post(
            url("organiser_participant_move", session.pk, moving.pk), {"move-to_session": later.pk}
        )
        assert response.context["form"].errors["to_session"] == [
            "This person is already enrolled in this session or on its waiting list."
        ]


class TestCapacity:
    def test_raising_it_promotes_people_in_line(self, as_trainer, session):
        enrol(session), enrol(session)
        first, second, third = enrol(session), enrol(session), enrol(session)
        response = as_trainer.post(url("organiser_capacity", session.pk), {"capacity-capacity": "4"}, follow=True)
        session.refresh_from_db()
        assert session.capacity == 4
        assert list(session.enrolments.order_by("pk").values_list("status", flat=True)) == ["confirmed"] * 4 + [
            "waiting"
        ]
        assert shown_messages(response) == [
            "The capacity is now 4.",
            f"Promoted from the waiting list to a seat: {first.person}, {second.person}.",
        ]
        third.refresh_from_db()
        assert [e.pk for e in response.context["roster"].waiting] == [third.pk]

    def test_below_the_confirmed_count_is_refused_with_a_clear_error(self, as_trainer, session):
        session.capacity = 3
        session.save()
        enrol(session), enrol(session), enrol(session)
        response = as_trainer.post(url("organiser_capacity", session.pk), {"capacity-capacity": "2"})
        assert response.status_code == 200
        assert response.context["capacity_form"].errors["capacity"] == [
            "The capacity cannot be lower than the number of confirmed participants (3)."
        ]
        page = text(response)
        assert 'name="capacity-capacity" value="2"' in page
        assert 'id="id_capacity-capacity_error"' in page
        assert '<a href="#id_capacity-capacity">The capacity cannot be lower' in page  # the summary at the top
        session.refresh_from_db()
        assert session.capacity == 3
        assert session.enrolments.filter(status=Status.CONFIRMED).count() == 3

    def test_lowering_it_to_the_confirmed_count_is_fine(self, as_trainer, session):
        session.capacity = 5
        session.save()
        enrol(session), enrol(session)
        as_trainer.post(url("organiser_capacity", session.pk), {"capacity-capacity": "2"})
        session.refresh_from_db()
        assert session.capacity == 2

    def test_zero_is_a_form_error(self, as_trainer, session):
        response = as_trainer.post(url("organiser_capacity", session.pk), {"capacity-capacity": "0"})
        assert "capacity" in response.context["capacity_form"].errors
        session.refresh_from_db()
        assert session.capacity == 2


class TestCancelSession:
    def test_it_asks_for_a_reason(self, as_trainer, session):
        enrol(session)
        response = as_trainer.post(url("organiser_session_cancel", session.pk), {"cancel-reason": "   "})
        assert response.status_code == 200
        assert response.context["form"].errors["reason"] == ["Give a reason for the cancellation."]
        page = text(response)
        assert '<textarea name="cancel-reason"' in page
        assert "aria-invalid" in page
        session.refresh_from_db()
        assert session.status == Session.Status.OPEN

    def test_it_cancels_every_enrolment_and_tells_everyone(
        self, as_trainer, session, sent, django_capture_on_commit_callbacks
    ):
        enrolments = [enrol(session) for _ in range(3)]
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            response = as_trainer.post(
                url("organiser_session_cancel", session.pk), {"cancel-reason": "Kouluttaja sairastui."}, follow=True
            )
        session.refresh_from_db()
        assert (session.status, session.cancellation_reason) == (Session.Status.CANCELLED, "Kouluttaja sairastui.")
        assert set(session.enrolments.values_list("status", flat=True)) == {Status.CANCELLED}
        assert sorted(sent) == sorted(("session_cancelled", e.pk) for e in enrolments)
        assert shown_messages(response) == ["The session was cancelled and everyone enrolled has been notified."]
        page = text(response)
        assert "This session has been cancelled." in page
        assert "Kouluttaja sairastui." in page
        assert 'action="' + url("organiser_participant_add", session.pk) not in page

    def test_a_cancelled_session_cannot_be_cancelled_again(self, as_trainer, session):
        as_trainer.post(url("organiser_session_cancel", session.pk), {"cancel-reason": "Peruttu."})
        response = as_trainer.get(url("organiser_session_cancel", session.pk), follow=True)
        assert shown_messages(response)[-1] == "This session has been cancelled."
        assert response.redirect_chain == [(url("organiser_session", session.pk), 302)]
