"""The HTTP API under /api/v1/: authentication, the catalogue, enrolling, cancelling, my trainings, errors."""

import json
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Locale

from people.api_tokens import token_create, token_revoke
from people.models import ServiceLevel
from tests.factories import UserFactory, enrol, make_course, make_session
from training.errors import TrainingError
from training.models import CalendarFeed, CourseKind, Enrolment, Session
from training.services import session_cancel

pytestmark = pytest.mark.django_db
Status = Enrolment.Status
API = "/api/v1"


@pytest.fixture
def course(programme):
    return make_course(programme, "Lapset puheeksi", kind=CourseKind.METHOD_TRAINING)


@pytest.fixture
def session(course):
    return make_session(course, capacity=2)


@pytest.fixture
def person():
    return UserFactory(preferred_language="en")


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="Tests")
    return {"Authorization": f"Bearer {plain}"}


@pytest.fixture
def headers(person):
    return bearer(person)


def translate(page, title: str):
    """A published Swedish version of ``page`` (and of the pages above it)."""
    locale = Locale.objects.get_or_create(language_code="sv")[0]
    translated = page.copy_for_translation(locale, copy_parents=True)
    translated.title = title
    translated.save_revision().publish()
    return translated


def post_json(client, url: str, data=None, **kwargs):
    body = "" if data is None else data if isinstance(data, str) else json.dumps(data)
    return client.post(url, body, content_type="application/json", **kwargs)


def assert_error(response, status: int, code: str, message: str | None = None) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    if message is not None:
        assert body["message"] == message
    return body


def training_message(code: str, **params) -> str:
    """The English message: the people in these tests prefer English."""
    with translation.override("en"):
        return TrainingError(code, **params).message


class TestAuthentication:
    def test_a_bearer_token_authenticates(self, client, person, headers):
        response = client.get(f"{API}/me/enrolments", headers=headers)
        assert response.status_code == 200
        assert response.json() == {"items": [], "count": 0}

    def test_no_credentials_is_401_with_a_json_error(self, client):
        response = client.get(f"{API}/me/enrolments")
        body = assert_error(response, 401, "unauthorized")
        assert "Bearer" in body["message"]
        assert response["WWW-Authenticate"] == "Bearer"

    def test_a_wrong_token_is_401(self, client):
        response = client.get(
            f"{API}/me/enrolments", headers={"Authorization": "Bearer wagtail_" + "x" * 43, "Accept-Language": "en"}
        )
        assert_error(response, 401, "unauthorized", "The API token is not valid or has been revoked.")
        assert response["WWW-Authenticate"] == 'Bearer error="invalid_token"'

    def test_a_garbage_token_is_401(self, client):
        assert_error(client.get(f"{API}/me/enrolments", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")

    def test_a_revoked_token_is_401(self, client, person):
        token, plain = token_create(user=person, name="Old")
        token_revoke(token=token)
        response = client.get(f"{API}/me/enrolments", headers={"Authorization": f"Bearer {plain}"})
        assert_error(response, 401, "unauthorized")

    def test_the_token_of_a_deactivated_account_is_401(self, client, person, headers):
        person.is_active = False
        person.save()
        assert_error(client.get(f"{API}/me/enrolments", headers=headers), 401, "unauthorized")

    def test_a_wrong_token_is_401_on_public_endpoints_too(self, client, session):
        response = client.get(f"{API}/sessions", headers={"Authorization": "Bearer wagtail_" + "x" * 43})
        assert_error(response, 401, "unauthorized")

    def test_the_web_session_works_for_reading(self, client, person):
        client.force_login(person)
        assert client.get(f"{API}/me/enrolments").status_code == 200

    def test_a_session_post_needs_the_csrf_token(self, person, session):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        response = post_json(client, f"{API}/sessions/{session.pk}/enrolments")
        assert_error(response, 403, "csrf_failed")
        assert not Enrolment.objects.exists()

    def test_a_bearer_post_needs_no_csrf_token(self, person, headers, session):
        client = Client(enforce_csrf_checks=True)
        response = post_json(client, f"{API}/sessions/{session.pk}/enrolments", headers=headers)
        assert response.status_code == 201

    def test_an_anonymous_post_is_401_not_a_csrf_error(self, session):
        response = post_json(Client(enforce_csrf_checks=True), f"{API}/sessions/{session.pk}/enrolments")
        assert_error(response, 401, "unauthorized")

    def test_messages_follow_the_token_owners_preferred_language(self, client, session):
        swede = UserFactory(preferred_language="sv")
        enrol(session, swede)
        response = post_json(client, f"{API}/sessions/{session.pk}/enrolments", headers=bearer(swede))
        assert response["Content-Language"] == "sv"
        assert_error(response, 409, "already_enrolled")

    def test_anonymous_messages_follow_accept_language(self, client):
        response = client.get(f"{API}/sessions/999999", headers={"Accept-Language": "sv"})
        assert_error(response, 404, "not_found")
        assert response["Content-Language"] == "sv"


class TestCatalogue:
    def test_courses_are_public_with_their_fields(self, client, course, programme):
        make_course(programme, "Aikuisten kohtaaminen", kind=CourseKind.WORKSHOP, level=ServiceLevel.SPECIAL)
        response = client.get(f"{API}/courses")
        assert response.status_code == 200
        body = response.json()
        assert body["count"] == 2
        first, second = body["items"]
        assert first["title"] == "Aikuisten kohtaaminen"
        assert (first["kind"], first["level"]) == ("workshop", "erityistaso")
        assert second == {
            "id": course.pk,
            "title": "Lapset puheeksi",
            "url": f"{settings.SITE_URL.rstrip('/')}{course.url}",
            "kind": "method",
            "level": "perustaso",
            "summary": course.summary,
            "duration_hours": 3.0,
            "requires_manager_approval": False,
            "language": "fi",
        }

    def test_courses_filter_by_kind_and_level(self, client, course, programme):
        make_course(programme, "Työpaja", kind=CourseKind.WORKSHOP, level=ServiceLevel.SPECIAL)
        titles = lambda params: [c["title"] for c in client.get(f"{API}/courses", params).json()["items"]]  # noqa: E731
        assert titles({"kind": "workshop"}) == ["Työpaja"]
        assert titles({"level": "perustaso"}) == ["Lapset puheeksi"]

    def test_courses_come_in_the_requests_language(self, client, course):
        swedish = translate(course, "Barn i fokus")
        titles = lambda **kw: [c["title"] for c in client.get(f"{API}/courses", **kw).json()["items"]]  # noqa: E731
        assert titles() == ["Lapset puheeksi"]
        assert titles(headers={"Accept-Language": "sv"}) == ["Barn i fokus"]
        assert titles(headers={"Accept-Language": "en"}) == ["Lapset puheeksi"]  # no English version: Finnish
        assert titles(headers=bearer(UserFactory(preferred_language="sv"))) == ["Barn i fokus"]
        assert client.get(f"{API}/courses", headers={"Accept-Language": "sv"}).json()["items"][0]["id"] == swedish.pk

    def test_unpublished_courses_are_not_listed(self, client, course):
        course.unpublish()
        assert client.get(f"{API}/courses").json()["count"] == 0

    def test_sessions_have_the_contract_fields(self, client, session, course):
        enrol(session), enrol(session), enrol(session)  # two confirmed, one waiting
        response = client.get(f"{API}/sessions")
        assert response.status_code == 200
        [item] = response.json()["items"]
        assert item["id"] == session.pk
        assert item["course"] == {
            "id": course.pk,
            "title": "Lapset puheeksi",
            "url": f"{settings.SITE_URL.rstrip('/')}{course.url}",
            "kind": "method",
            "level": "perustaso",
        }
        assert (item["capacity"], item["seats_left"], item["waiting_list_length"]) == (2, 0, 1)
        assert item["status"] == "open" and item["language"] == "fi"
        assert item["place"] == {"name": session.place_name, "address": session.place_address}

    def test_times_are_iso_8601_in_helsinki_time(self, client, session):
        starts_at = client.get(f"{API}/sessions").json()["items"][0]["starts_at"]
        parsed = datetime.fromisoformat(starts_at)
        assert parsed == session.starts_at
        assert starts_at.startswith(f"{timezone.localtime(session.starts_at):%Y-%m-%d}T09:00:00+0")
        assert parsed.utcoffset() == timezone.localtime(session.starts_at).utcoffset()

    def test_seats_left_counts_only_confirmed(self, client, course):
        session = make_session(course, capacity=5)
        enrol(session)
        assert client.get(f"{API}/sessions").json()["items"][0]["seats_left"] == 4

    def test_sessions_are_upcoming_by_default(self, client, course):
        upcoming = make_session(course)
        make_session(course, starts_in_days=-10)
        cancelled = make_session(course)
        session_cancel(session=cancelled, reason="Kouluttaja sairastui", by=UserFactory())
        ids = lambda params: [s["id"] for s in client.get(f"{API}/sessions", params).json()["items"]]  # noqa: E731
        assert ids({}) == [upcoming.pk]
        assert len(ids({"upcoming": "false"})) == 3

    def test_sessions_filter_by_course_kind_and_level(self, client, programme, session):
        other_course = make_course(programme, "MARAK", kind=CourseKind.WORKSHOP, level=ServiceLevel.SPECIAL)
        other = make_session(other_course)
        ids = lambda params: [s["id"] for s in client.get(f"{API}/sessions", params).json()["items"]]  # noqa: E731
        assert ids({"course": other_course.pk}) == [other.pk]
        assert ids({"kind": "method"}) == [session.pk]
        assert ids({"level": "erityistaso"}) == [other.pk]

    def test_any_language_version_of_a_course_finds_its_sessions(self, client, course, session):
        swedish = translate(course, "Barn i fokus")
        assert [s["id"] for s in client.get(f"{API}/sessions", {"course": swedish.pk}).json()["items"]] == [session.pk]

    def test_sessions_of_unpublished_courses_are_hidden(self, client, session, course):
        course.unpublish()
        assert client.get(f"{API}/sessions").json()["count"] == 0
        assert_error(client.get(f"{API}/sessions/{session.pk}"), 404, "not_found")

    def test_lists_are_paginated(self, client, course):
        sessions = [make_session(course, starts_in_days=10 + n) for n in range(3)]
        body = client.get(f"{API}/sessions", {"limit": 2, "offset": 1}).json()
        assert body["count"] == 3
        assert [s["id"] for s in body["items"]] == [sessions[1].pk, sessions[2].pk]

    def test_a_bad_filter_is_422(self, client, session):
        body = assert_error(client.get(f"{API}/sessions", {"kind": "party"}), 422, "invalid")
        assert body["errors"][0]["loc"] == ["query", "kind"]
        assert_error(client.get(f"{API}/sessions", {"limit": 1000}), 422, "invalid")

    def test_session_detail_has_days_place_and_status(self, client, course):
        session = make_session(course, days=2, language=Session.Language.SV, online_url="https://meet.example/x")
        response = client.get(f"{API}/sessions/{session.pk}")
        assert response.status_code == 200
        body = response.json()
        assert body["id"] == session.pk
        assert [datetime.fromisoformat(day["starts_at"]) for day in body["days"]] == [
            day.starts_at for day in session.days.all()
        ]
        assert body["days"][0]["ends_at"].endswith(timezone.localtime(session.starts_at).strftime("%z")[:3] + ":00")
        assert body["place"]["name"] == session.place_name
        assert (body["language"], body["status"]) == ("sv", "open")
        assert body["online_url"] is None  # the meeting link is not public

    def test_confirmed_participants_see_the_online_link(self, client, course, person, headers):
        session = make_session(course, online_url="https://meet.example/x")
        enrol(session, person)
        body = client.get(f"{API}/sessions/{session.pk}", headers=headers).json()
        assert body["online_url"] == "https://meet.example/x"

    def test_the_sessions_trainers_and_coordinators_see_the_online_link(self, client, course):
        session = make_session(course, online_url="https://meet.example/x")
        trainer = UserFactory(is_trainer=True)
        session.trainers.add(trainer)
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        coordinator = UserFactory(is_coordinator=True)
        TOTP.activate(coordinator, generate_totp_secret())  # a coordinator's token works with two-step verification
        for user in (trainer, coordinator):
            assert client.get(f"{API}/sessions/{session.pk}", headers=bearer(user)).json()["online_url"]

    def test_people_waiting_or_other_trainers_do_not_see_the_online_link(self, client, course):
        session = make_session(course, capacity=1, online_url="https://meet.example/x")
        enrol(session)
        waiting = UserFactory()
        enrol(session, waiting)
        for user in (waiting, UserFactory(is_trainer=True)):
            assert client.get(f"{API}/sessions/{session.pk}", headers=bearer(user)).json()["online_url"] is None

    def test_an_unknown_session_is_a_json_404(self, client):
        response = client.get(f"{API}/sessions/999999", headers={"Accept-Language": "en"})
        assert_error(response, 404, "not_found", "Not found.")


def test_unknown_api_paths_are_json_404s(client):
    assert_error(client.get(f"{API}/nope"), 404, "not_found")
    assert_error(client.post(f"{API}/sessions/1/nope/"), 404, "not_found")


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


class TestMe:
    def test_my_enrolments_lists_only_mine_with_the_queue_position(self, client, course, person, headers):
        full = make_session(course, capacity=1, starts_in_days=20)
        enrol(full)
        waiting = enrol(full, person)
        confirmed = enrol(make_session(course, starts_in_days=10), person)
        enrol(make_session(course))  # someone else's
        body = client.get(f"{API}/me/enrolments", headers=headers).json()
        assert body["count"] == 2
        assert [(e["id"], e["status"], e["waiting_list_position"]) for e in body["items"]] == [
            (confirmed.pk, "confirmed", None),
            (waiting.pk, "waiting", 1),
        ]

    def test_my_enrolments_can_be_limited_to_active_ones(self, client, session, person, headers):
        own = enrol(session, person)
        post_json(client, f"{API}/enrolments/{own.pk}/cancel", headers=headers)
        assert client.get(f"{API}/me/enrolments", headers=headers).json()["count"] == 1
        assert client.get(f"{API}/me/enrolments", {"active": "true"}, headers=headers).json()["count"] == 0

    def test_my_calendar_is_the_absolute_feed_url(self, client, person, headers, settings):
        settings.SITE_URL = "https://koulutus.example.fi"
        body = client.get(f"{API}/me/calendar", headers=headers).json()
        feed = CalendarFeed.objects.get(person=person)
        assert body == {"url": f"https://koulutus.example.fi/calendar/{feed.token}.ics"}
        assert client.get(f"{API}/me/calendar", headers=headers).json() == body  # the same address each time

    def test_me_needs_authentication(self, client):
        assert_error(client.get(f"{API}/me/calendar"), 401, "unauthorized")


class TestQueryCounts:
    """The lists cost the same number of queries for 1 session as for 50.

    /sessions: page view restrictions, count, page of sessions with their counts and courses.
    /me/enrolments: the token, count, page of enrolments with sessions, courses and queue positions.
    """

    def test_sessions_list(self, client, course, django_assert_max_num_queries, django_assert_num_queries):
        url = f"{API}/sessions"
        enrol(make_session(course))
        client.get(url)  # warms Wagtail's cached site root paths (for the course URLs)
        with django_assert_max_num_queries(3) as one:
            assert client.get(url).json()["count"] == 1
        for n in range(49):
            enrol(make_session(course, starts_in_days=15 + n))
        with django_assert_num_queries(len(one.captured_queries)):
            assert client.get(url).json()["count"] == 50

    def test_my_enrolments(
        self, client, course, person, headers, django_assert_max_num_queries, django_assert_num_queries
    ):
        url = f"{API}/me/enrolments"
        enrol(make_session(course), person)
        client.get(url, headers=headers)  # the token's first use writes last_used_at; warms the site cache
        with django_assert_max_num_queries(3) as one:
            assert client.get(url, headers=headers).json()["count"] == 1
        for n in range(49):
            enrol(make_session(course, starts_in_days=15 + n), person)
        with django_assert_num_queries(len(one.captured_queries)):
            assert client.get(url, headers=headers).json()["count"] == 50


class TestDocs:
    def test_the_openapi_schema_lists_the_contract(self, client):
        response = client.get(f"{API}/openapi.json")
        assert response.status_code == 200
        schema = json.loads(response.content)
        assert {
            "/api/v1/courses": {"get"},
            "/api/v1/sessions": {"get"},
            "/api/v1/sessions/{session_id}": {"get"},
            "/api/v1/sessions/{session_id}/enrolments": {"post"},
            "/api/v1/sessions/{session_id}/attendance": {"get"},
            "/api/v1/enrolments/{enrolment_id}/cancel": {"post"},
            "/api/v1/me/enrolments": {"get"},
            "/api/v1/me/calendar": {"get"},
            "/api/v1/me/certificates": {"get"},
            "/api/v1/me/certificates/{code}.pdf": {"get"},
            "/api/v1/me/competences": {"get"},
            "/api/v1/competences/gaps": {"get"},
            "/api/v1/stats/project-in-numbers": {"get"},
            "/api/v1/stats/participation": {"get"},
            "/api/v1/projects": {"get"},
        } == {path: set(methods) for path, methods in schema["paths"].items()}
        assert schema["components"]["securitySchemes"]["BearerAuth"] == {"type": "http", "scheme": "bearer"}
        session_fields = schema["components"]["schemas"]["SessionOut"]["properties"]
        assert {"id", "course", "starts_at", "capacity", "seats_left", "waiting_list_length"} <= set(session_fields)

    def test_the_docs_page_works_under_the_content_security_policy(self, client):
        response = client.get(f"{API}/docs")
        assert response.status_code == 200
        html = response.content.decode()
        assert "/static/ninja/swagger-ui-bundle.js" in html
        assert "script-src 'self'" in response["Content-Security-Policy"]
        # No inline script: the only <script> without src is the JSON settings block, which never runs.
        assert html.count("<script") == html.count("<script src=") + html.count('<script type="application/json"')
