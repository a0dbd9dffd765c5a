"""The HTTP API under /api/v1/: authentication, the catalogue, unknown paths and the documentation."""

import json
from datetime import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from people.api_tokens import token_create, token_revoke
from people.models import ServiceLevel
from tests.factories import UserFactory, enrol, make_course, make_session
from tests.training import api
from tests.training.api import API, assert_error, bearer, post_json, translate
from training.models import CourseKind, Enrolment, Session
from training.services import session_cancel

pytestmark = pytest.mark.django_db
course, session, person, headers = api.course, api.session, api.person, api.headers


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
        assert (body["language"], body["status"], body["state"]) == ("sv", "open", "open")
        assert body["online_url"] is None  # the meeting link is not public

    def test_a_started_session_says_so_before_the_closing_job_runs(self, client, course):
        running = make_session(course, days=3, starts_in_days=-1)  # the first day yesterday, the last tomorrow
        ended = make_session(course, days=1, starts_in_days=-2)
        for session, state in ((running, "in_progress"), (ended, "ended")):
            assert session.status == Session.Status.OPEN  # nothing has marked it yet
            body = client.get(f"{API}/sessions/{session.pk}").json()
            assert (body["status"], body["state"]) == ("open", state)

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
            "/api/v1/me/export": {"get", "post"},
            "/api/v1/me/export/{token}": {"get"},
            "/api/v1/me/export/{token}/download": {"get"},
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
