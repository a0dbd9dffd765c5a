"""The HTTP API under /api/v1/: enrolling (a seat or the waiting list) and cancelling."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import UserFactory, enrol, make_course, make_session
from tests.training import api
from tests.training.api import API, Status, assert_error, post_json, training_message
from training.models import Enrolment, Session
from training.services import session_cancel

pytestmark = pytest.mark.django_db
course, session, person, headers = api.course, api.session, api.person, api.headers


class TestEnrolling:
    def url(self, session) -> str:
        return f"{API}/sessions/{session.pk}/enrolments"

    def test_enrolling_confirms_a_seat(self, client, session, person, headers):
        response = post_json(client, self.url(session), headers=headers)
        assert response.status_code == 201
        body = response.json()
        enrolment = Enrolment.objects.get(person=person)
        assert (body["id"], body["status"], body["waiting_list_position"]) == (enrolment.pk, "confirmed", None)
        assert body["session"]["id"] == session.pk
        assert body["session"]["course"]["title"] == "Lapset puheeksi"

    def test_an_empty_json_object_is_accepted(self, client, session, headers):
        assert post_json(client, self.url(session), {}, headers=headers).status_code == 201

    def test_a_full_session_puts_you_on_the_waiting_list(self, client, session, headers):
        enrol(session), enrol(session), enrol(session)
        body = post_json(client, self.url(session), headers=headers).json()
        assert (body["status"], body["waiting_list_position"]) == ("waiting", 2)

    def test_a_course_needing_approval_waits_for_the_manager(self, client, programme, headers):
        course = make_course(programme, "Vaativa", requires_manager_approval=True)
        session = make_session(course)
        body = post_json(client, self.url(session), headers=headers).json()
        assert (body["status"], body["waiting_list_position"]) == ("awaiting_approval", None)

    def test_enrolling_twice_is_409(self, client, session, headers):
        post_json(client, self.url(session), headers=headers)
        response = post_json(client, self.url(session), headers=headers)
        assert_error(response, 409, "already_enrolled", training_message("already_enrolled"))
        assert Enrolment.objects.count() == 1

    def test_a_cancelled_session_is_409(self, client, session, headers):
        session_cancel(session=session, reason="Kouluttaja sairastui", by=UserFactory())
        response = post_json(client, self.url(session), headers=headers)
        assert_error(response, 409, "session_cancelled", "This session has been cancelled.")

    def test_a_past_session_is_409(self, client, course, headers):
        session = make_session(course, starts_in_days=-2)
        response = post_json(client, self.url(session), headers=headers)
        assert_error(response, 409, "session_started", "This session has already started.")

    def test_a_session_whose_enrolment_has_closed_is_409(self, client, course, headers):
        session = make_session(course, enrolment_closes_at=timezone.now() - timedelta(hours=1))
        response = post_json(client, self.url(session), headers=headers)
        assert_error(response, 409, "enrolment_closed", "Enrolment for this session has closed.")

    def test_a_session_not_open_for_enrolment_is_409(self, client, course, headers):
        session = make_session(course, status=Session.Status.PLANNED)
        response = post_json(client, self.url(session), headers=headers)
        assert_error(response, 409, "session_not_open", "This session is not open for enrolment.")

    def test_an_unknown_session_is_404(self, client, headers):
        assert_error(post_json(client, f"{API}/sessions/999999/enrolments", headers=headers), 404, "not_found")

    def test_a_body_that_is_not_json_is_422(self, client, session, headers):
        response = post_json(client, self.url(session), "{not json", headers=headers)
        body = assert_error(response, 422, "invalid", "The request body is not valid JSON.")
        assert body["errors"][0]["loc"] == ["body"]
        assert not Enrolment.objects.exists()

    def test_unknown_fields_are_422_not_ignored(self, client, session, headers):
        response = post_json(client, self.url(session), {"person": 1}, headers=headers)
        body = assert_error(response, 422, "invalid")
        assert "person" in body["message"]
        assert not Enrolment.objects.exists()

    def test_a_body_that_is_not_an_object_is_422(self, client, session, headers):
        assert_error(post_json(client, self.url(session), "[1, 2]", headers=headers), 422, "invalid")

    def test_a_non_numeric_id_is_422(self, client, headers):
        assert_error(post_json(client, f"{API}/sessions/abc/enrolments", headers=headers), 422, "invalid")


class TestCancelling:
    def url(self, enrolment) -> str:
        return f"{API}/enrolments/{enrolment.pk}/cancel"

    def test_cancelling_frees_the_seat_for_the_first_in_line(self, client, session, person, headers):
        own = enrol(session, person)
        enrol(session)
        queued = enrol(session)
        response = post_json(client, self.url(own), {"reason": "Sairastuin"}, headers=headers)
        assert response.status_code == 200
        body = response.json()
        assert (body["id"], body["status"], body["session"]["id"]) == (own.pk, "cancelled", session.pk)
        own.refresh_from_db()
        queued.refresh_from_db()
        assert own.decision_reason == "Sairastuin"
        assert queued.status == Status.CONFIRMED

    def test_an_empty_body_is_fine(self, client, session, person, headers):
        own = enrol(session, person)
        assert post_json(client, self.url(own), headers=headers).json()["status"] == "cancelled"

    def test_someone_elses_enrolment_is_404(self, client, session, headers):
        other = enrol(session)
        assert_error(post_json(client, self.url(other), headers=headers), 404, "not_found")
        other.refresh_from_db()
        assert other.status == Status.CONFIRMED

    def test_after_the_deadline_is_409(self, client, course, person, headers):
        session = make_session(course, cancellation_deadline=timezone.now() + timedelta(hours=1))
        own = enrol(session, person)
        Session.objects.filter(pk=session.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
        response = post_json(client, self.url(own), headers=headers)
        assert_error(response, 409, "cancellation_deadline_passed", training_message("cancellation_deadline_passed"))
        own.refresh_from_db()
        assert own.status == Status.CONFIRMED

    def test_cancelling_twice_is_409(self, client, session, person, headers):
        own = enrol(session, person)
        post_json(client, self.url(own), headers=headers)
        response = post_json(client, self.url(own), headers=headers)
        assert_error(response, 409, "not_active", "This enrolment is no longer active.")

    def test_a_malformed_body_is_422(self, client, session, person, headers):
        own = enrol(session, person)
        assert_error(post_json(client, self.url(own), "{not json", headers=headers), 422, "invalid")
        body = assert_error(post_json(client, self.url(own), {"reason": 5}, headers=headers), 422, "invalid")
        assert body["errors"][0]["loc"] == ["body", "payload", "reason"]
        assert_error(post_json(client, self.url(own), {"reason": "x" * 1001}, headers=headers), 422, "invalid")
        own.refresh_from_db()
        assert own.status == Status.CONFIRMED

    def test_it_needs_authentication(self, client, session):
        assert_error(post_json(client, self.url(enrol(session))), 401, "unauthorized")
