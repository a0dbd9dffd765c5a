"""GET /api/v1/sessions/{id}/attendance: for the session's trainers, coordinators and administrators only."""

import pytest
from django.utils import timezone

from people.api_tokens import token_create
from tests.factories import UserFactory, make_course
from tests.reporting.factories_statistics import privileged
from tests.training.factories_attendance import past_session, seat
from training.models import Attendance, CompletionRule
from training.services import attendance_record

pytestmark = pytest.mark.django_db


def bearer(user) -> dict[str, str]:
    _token, plain = token_create(user=user, name="Tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.fixture
def trainer():
    return UserFactory(is_trainer=True)


@pytest.fixture
def session(programme, trainer):
    course = make_course(programme, "Vuorovaikutus", completion_rule=CompletionRule.SHARE_OF_HOURS, completion_share=80)
    session = past_session(course, days=2)
    session.trainers.add(trainer)
    return session


def address(session) -> str:
    return f"/api/v1/sessions/{session.pk}/attendance"


def test_the_trainer_gets_days_marks_and_outcomes(client, session, trainer):
    first, second = session.days.all()
    aino = seat(session, UserFactory(first_name="Aino", last_name="Aalto", email="aino@example.fi"))
    bertta = seat(session, UserFactory(first_name="Bertta", last_name="Bäck"))
    attendance_record(enrolment=aino, day=first, status="present")
    attendance_record(enrolment=aino, day=second, status="partial", minutes=240)
    attendance_record(enrolment=bertta, day=first, status="absent")

    response = client.get(address(session), **bearer(trainer))

    assert response.status_code == 200
    data = response.json()
    assert data["completion_rule"] == "share_of_hours" and data["completion_share"] == 80
    assert [day["id"] for day in data["days"]] == [first.pk, second.pk]
    assert data["days"][0]["minutes"] == 360
    assert data["days"][0]["starts_at"] == timezone.localtime(first.starts_at).isoformat()
    aino_out, bertta_out = data["participants"]
    assert aino_out["person"] == {"id": aino.person.pk, "name": "Aino Aalto", "email": "aino@example.fi"}
    assert [(m["status"], m["minutes"], m["source"]) for m in aino_out["attendance"]] == [
        ("present", 360, "sheet"),
        ("partial", 240, "sheet"),
    ]
    assert (aino_out["outcome"], aino_out["attended_minutes"]) == ("completed", 600)
    assert aino_out["completed_on"] == timezone.localdate(second.ends_at).isoformat()
    assert [m["status"] for m in bertta_out["attendance"]] == ["absent", None]
    assert bertta_out["outcome"] == "no_show"


def test_a_coordinator_may_read_any_session(client, session):
    coordinator = privileged(is_coordinator=True)  # with two-step verification, as their tokens need
    assert client.get(address(session), **bearer(coordinator)).status_code == 200


def test_an_administrator_may_read_any_session(client, session):
    assert client.get(address(session), **bearer(privileged(is_superuser=True))).status_code == 200


def test_a_trainer_of_other_sessions_gets_404(client, session):
    response = client.get(address(session), **bearer(UserFactory(is_trainer=True)))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_participant_gets_403(client, session):
    participant = seat(session).person
    response = client.get(address(session), **bearer(participant))
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_no_token_is_401(client, session):
    assert client.get(address(session)).status_code == 401


def test_an_unknown_session_is_404(client, trainer):
    assert client.get("/api/v1/sessions/999999/attendance", **bearer(trainer)).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_constant_queries(client, session, trainer, size, django_assert_max_num_queries):
    day = session.days.first()
    for _ in range(size):
        Attendance.objects.create(enrolment=seat(session), day=day, status="present")
    headers = bearer(trainer)
    with django_assert_max_num_queries(10):
        response = client.get(address(session), **headers)
    assert len(response.json()["participants"]) == size


def test_the_endpoint_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/sessions/{session_id}/attendance" in paths
