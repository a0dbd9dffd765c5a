"""Each domain error declares the HTTP status the API answers with; the API's one handler reads it."""

import pytest

from competencies.errors import CompetenceError
from core.errors import DomainError
from training.errors import TrainingError

pytestmark = pytest.mark.django_db  # the suite's session fixtures need the test database


def test_a_domain_error_is_a_conflict_unless_its_class_says_otherwise():
    assert DomainError.status == 409
    assert CompetenceError("round_closed").http_status == 409
    assert TrainingError("session_cancelled").http_status == 409


def test_requests_that_could_never_succeed_are_bad_requests():
    for code in ("reason_required", "capacity_invalid", "same_session", "other_course"):
        assert TrainingError(code).http_status == 400


def test_the_api_answers_a_competence_error_with_its_status(rf):
    from config.api import on_domain_error

    request = rf.get("/api/v1/me/competences")
    response = on_domain_error(request, CompetenceError("round_closed"))
    assert response.status_code == 409
    assert b'"code": "round_closed"' in response.content or b'"code":"round_closed"' in response.content
